using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generator.Tests.Support;

/// <summary>
/// One row of <see cref="DiagnosticTests"/>: a source file, every diagnostic the generator must report
/// for it (<see cref="Inspect.Describe"/>: ID, severity, location, message, in order), and what must
/// happen to its calls. The source must still compile cleanly with the generated code.
/// </summary>
internal sealed class DiagnosticCase(string path, string source, params string[] expected)
{
    /// <summary>Null: a project that uses the Instrumentation package (<see cref="GeneratorHarness.ParseOptions"/>).</summary>
    public CSharpParseOptions? ParseOptions { get; init; }

    /// <summary>Calls that are still intercepted.</summary>
    public string[] Traced { get; init; } = [];

    public string[] NotTraced { get; init; } = [];

    /// <summary>No interceptor file at all.</summary>
    public bool NothingGenerated { get; init; }

    /// <summary>Calls still intercepted whose spans start the ordinary way: no carrier read or written (TRC013-TRC015).</summary>
    public string[] OrdinarySpans { get; init; } = [];

    /// <summary>What else a row asserts about the run.</summary>
    public Action<GeneratorRun>? Also { get; init; }

    public void Check()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(path, source, ParseOptions));

        run.AssertGeneratorDidNotThrow();
        Assert.Equal(string.Join("\n", expected), string.Join("\n", run.GeneratorDiagnostics.Select(Inspect.Describe)));
        foreach (var call in Traced.Concat(OrdinarySpans)) Assert.NotNull(Inspect.InterceptorOf(run, call));
        foreach (var call in NotTraced) Assert.Null(Inspect.InterceptorOf(run, call));
        if (NothingGenerated) Assert.Null(run.GeneratedText);
        if (OrdinarySpans.Length > 0)
        {
            Assert.DoesNotContain("StartConsumer", run.GeneratedText, StringComparison.Ordinal);
            Assert.DoesNotContain("StartProducer", run.GeneratedText, StringComparison.Ordinal);
            Assert.Equal(OrdinarySpans.Length, run.GeneratedText!.Split(".Start();").Length - 1);
        }

        Also?.Invoke(run);
        run.AssertCompilesCleanly();
    }
}
