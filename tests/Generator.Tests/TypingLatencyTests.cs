using System;
using System.Linq;
using Instrumentation.Generator.Model;
using Instrumentation.Generator.Tests.Support;
using Instrumentation.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Typing in a large project (issue 10, IDE latency): after an edit of one traced method's body, in
/// a project of 2,000 traced methods called from 10,000 sites, every step reuses its outputs (Cached
/// or Unchanged) for every other file; in the edited file, the call sites (their interceptor
/// locations carry the file's new checksum) and the declarations after the edit (their unused-method
/// diagnostics sit at new offsets) change; the generated file differs only in that file's call sites.
/// The cost of such a run is measured by benchmarks/IncrementalGeneratorBenchmarks.cs.
/// </summary>
public sealed class TypingLatencyTests
{
    private const int Files = 20, MethodsPerFile = LargeTracedProject.MethodsPerFile, SitesPerMethod = LargeTracedProject.SitesPerMethod;
    private const string EditedFile = "/src/File5.cs";

    [Fact]
    public void Editing_one_traced_method_body_in_a_large_project_reuses_every_step_but_that_files_call_sites()
    {
        var compilation = GeneratorHarness.Compilation(Enumerable.Range(0, Files).Select(f => ($"/src/File{f}.cs", LargeTracedProject.Source(f))));
        var first = GeneratorHarness.Run(compilation);
        first.AssertGeneratorDidNotThrow();
        Assert.Equal(Files * MethodsPerFile * SitesPerMethod, CallSites(first).Length);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == EditedFile);
        var text = tree.GetText();
        var body = "=> x + 520;";
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.Replace(text.ToString().IndexOf(body, StringComparison.Ordinal), body.Length, "=> x + 520 * 2;")));
        var second = GeneratorHarness.Run(first.Driver, edited);
        second.AssertGeneratorDidNotThrow();

        foreach (var step in new[] { TracedGenerator.Steps.Settings, TracedGenerator.Steps.Declarations, TracedGenerator.Steps.MethodGroups, TracedGenerator.Steps.Decorators, TracedGenerator.Steps.OrphanCarriers })
        {
            if (!second.Generator.TrackedSteps.TryGetValue(step, out var runs)) continue; // a step with no input at all did not run
            Assert.All(runs.SelectMany(r => r.Outputs).Where(o => !DeclaredInEditedFile(o.Value)), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        var declarations = second.Generator.TrackedSteps[TracedGenerator.Steps.Declarations].SelectMany(r => r.Outputs).ToList();
        Assert.Equal(Files * MethodsPerFile, declarations.Count);
        Assert.Equal(MethodsPerFile - 21, declarations.Count(o => o.Reason == IncrementalStepRunReason.Modified)); // Op521..Op599

        var sites = CallSites(second);
        Assert.Equal(Files * MethodsPerFile * SitesPerMethod, sites.Length);
        var elsewhere = sites.Where(s => !InEditedFile(s.Value)).ToList();
        Assert.Equal((Files - 1) * MethodsPerFile * SitesPerMethod, elsewhere.Count);
        Assert.All(elsewhere, s => Assert.True(s.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{((ParseResult)s.Value).Call?.DisplayLocation}: {s.Reason}"));
        Assert.All(sites.Where(s => InEditedFile(s.Value)), s => Assert.Equal(IncrementalStepRunReason.Modified, s.Reason));

        var before = first.GeneratedText!.Split('\n');
        var after = second.GeneratedText!.Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = before.Zip(after).Where(p => p.First != p.Second).ToList();
        Assert.Equal(MethodsPerFile * SitesPerMethod, changed.Count);
        Assert.All(changed, p => Assert.Contains("// File5.cs(", p.Second, StringComparison.Ordinal));
    }

    private static (object Value, IncrementalStepRunReason Reason)[] CallSites(GeneratorRun run) =>
        run.Generator.TrackedSteps[TracedGenerator.Steps.CallSites].SelectMany(r => r.Outputs).ToArray();

    private static bool DeclaredInEditedFile(object value) =>
        value is DeclaredMethods declared && declared.Methods.Any(m => m.NoCallSites.FilePath == EditedFile);

    private static bool InEditedFile(object value) => ((ParseResult)value).Call?.SortKey.StartsWith(EditedFile + ":", StringComparison.Ordinal) == true;
}
