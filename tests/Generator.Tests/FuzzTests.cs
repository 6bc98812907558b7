using System;
using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Code being typed: every snapshot input cut off, or with a few characters deleted, at many points (as an
/// editor sees it between keystrokes) never makes the generator throw, and its output never adds an error or warning.
/// </summary>
public sealed class FuzzTests
{
    public static TheoryData<string> Inputs => new(["Shapes", "Async", "Generics", "InterfacesAndExtensions", "Iterators", "Blocks"]);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Half_typed_input_never_breaks_the_generator(string name)
    {
        var source = (string)typeof(SnapshotTests).GetField(name)!.GetValue(null)!;
        var failures = new List<string>();
        const int Cuts = 32;
        for (var i = 1; i < Cuts; i++)
        {
            var length = source.Length * i / Cuts;
            // Even cuts end the text there; odd ones delete five characters (a name, a bracket, a semicolon) in the middle.
            var text = i % 2 == 0 ? source[..length] : source.Remove(length, Math.Min(5, source.Length - length));
            var run = GeneratorHarness.Run("/src/Cut.cs", text);
            run.AssertGeneratorDidNotThrow();
            var problems = run.Output.SyntaxTrees.Skip(1)
                .SelectMany(t => run.Output.GetSemanticModel(t).GetDiagnostics())
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .ToList();
            if (problems.Count > 0) failures.Add($"cut at {length}: {string.Join("; ", problems)}\n{text}\n---\n{run.GeneratedText}");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
