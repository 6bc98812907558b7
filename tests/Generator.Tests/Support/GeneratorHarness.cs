using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Instrumentation.Generator.Tests.Support;

/// <summary>
/// Drives <see cref="TracedGenerator"/> in-process: a compilation over the runtime's
/// Instrumentation.dll and the test host's framework assemblies, run through
/// <see cref="CSharpGeneratorDriver"/>, then compiled (and emitted) with the generated code.
/// </summary>
internal static class GeneratorHarness
{
    public const string InterceptorsFeature = "InterceptorsNamespaces";
    public const string GeneratedNamespace = "Instrumentation.Generated";

    /// <summary>The options of a project that uses the Instrumentation package (which enables the namespace).</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithFeatures([new(InterceptorsFeature, GeneratedNamespace)]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A library compilation of <paramref name="sources"/> (fake paths such as <c>/src/Shapes.cs</c>, so output is path-stable).</summary>
    public static CSharpCompilation Compilation(
        IEnumerable<(string Path, string Text)> sources, CSharpParseOptions? parseOptions = null, OutputKind kind = OutputKind.DynamicallyLinkedLibrary,
        string assemblyName = "TestApp", IEnumerable<MetadataReference>? extraReferences = null)
    {
        var options = parseOptions ?? ParseOptions;
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References.AddRange(extraReferences ?? []),
            new CSharpCompilationOptions(kind)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithAllowUnsafe(true)
                .WithWarningLevel(9999)
                .WithDeterministic(true)
                // As the .NET SDK does (NoWarn 1701;1702): the runtime's net8.0 build unifies with this host's framework.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
    }

    public static CSharpCompilation Compilation(string path, string text, CSharpParseOptions? parseOptions = null) =>
        Compilation([(path, text)], parseOptions);

    /// <summary>A fresh driver for the generator, tracking steps so incrementality can be asserted.</summary>
    public static GeneratorDriver Driver(CSharpParseOptions? parseOptions = null, AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create(
            [new TracedGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, AnalyzerConfigOptionsProvider? options = null) =>
        Run(Driver((CSharpParseOptions)compilation.SyntaxTrees.First().Options, options), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), WithNullableWarningsOn(output, compilation), driverDiagnostics);
    }

    /// <summary>
    /// The generated files turn nullable warnings off for users' builds (the flow analysis is the
    /// cost, see GeneratedMarks.NullableContext); every test compiles them with the warnings
    /// on, so a nullable warning in generated code fails the tests that assert a clean compile.
    /// Nullable analysis changes no IL, so what is emitted is the same.
    /// </summary>
    private static Compilation WithNullableWarningsOn(Compilation output, Compilation input)
    {
        foreach (var tree in output.SyntaxTrees.Where(t => !input.SyntaxTrees.Contains(t)).ToList())
        {
            var text = tree.GetText().ToString();
            var off = text.IndexOf("#nullable disable warnings", StringComparison.Ordinal);
            Assert.True(off >= 0, $"{tree.FilePath} does not turn nullable warnings off.");
            var lineEnd = text.IndexOf('\n', off);
            var on = text.Substring(0, off) + "#nullable enable warnings" + text.Substring(lineEnd);
            output = output.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(on, System.Text.Encoding.UTF8)));
        }

        return output;
    }

    /// <summary>Generates for one source file.</summary>
    public static GeneratorRun Run(string path, string text, AnalyzerConfigOptionsProvider? options = null) =>
        Run(Compilation(path, text), options);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var runtime = typeof(TracedAttribute).Assembly.Location;
        Assert.Equal(".NETCoreApp,Version=v8.0", typeof(TracedAttribute).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);

        // The framework part of the test host's trusted platform assemblies (not the test's own dependencies,
        // which would bring a second Instrumentation.dll, Roslyn and xunit into every test compilation).
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .Where(p => !string.Equals(Path.GetFileName(p), "Instrumentation.dll", StringComparison.OrdinalIgnoreCase));
        return [.. platform.Append(runtime).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}

/// <summary>One generator run: the driver (to run again), its result and the compilation with the generated code.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public GeneratorRunResult Generator => Assert.Single(Result.Results);

    /// <summary>The generated interceptor file, or null when none was generated.</summary>
    public string? GeneratedText => Source("Instrumentation.Interceptors.g.cs");

    /// <summary>The generated file of interface decorators, or null when none was generated.</summary>
    public string? DecoratorsText => Source("Instrumentation.Decorators.g.cs");

    private string? Source(string hintName)
    {
        Assert.All(Generator.GeneratedSources, s => Assert.Contains(s.HintName, new[] { "Instrumentation.Interceptors.g.cs", "Instrumentation.Decorators.g.cs" }));
        return Generator.GeneratedSources.SingleOrDefault(s => s.HintName == hintName).SourceText?.ToString();
    }

    /// <summary>What the generator reported, in source order.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => [.. Generator.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>Compiler diagnostics of the final compilation (user code plus generated code) at warning level or above.</summary>
    public ImmutableArray<Diagnostic> CompileProblems(params string[] allowedIds) =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !allowedIds.Contains(d.Id))];

    /// <summary>Asserts the generator did not fail (no exception, no CS8784/CS8785 "generator failed" warning).</summary>
    public void AssertGeneratorDidNotThrow()
    {
        Assert.Null(Generator.Exception);
        Assert.DoesNotContain(DriverDiagnostics.Concat(Result.Diagnostics), d => d.Id is "CS8784" or "CS8785");
    }

    /// <summary>Asserts the final compilation has no error or warning (except <paramref name="allowedIds"/>) and emits.</summary>
    public byte[] AssertCompilesCleanly(params string[] allowedIds)
    {
        AssertGeneratorDidNotThrow();
        var problems = CompileProblems(allowedIds);
        Assert.True(problems.IsEmpty, "Compilation problems:\n" + string.Join("\n", problems) + "\n\nGenerated:\n" + GeneratedText);
        using var pe = new MemoryStream();
        var emitted = Output.Emit(pe);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return pe.ToArray();
    }
}

/// <summary>Readable forms of diagnostics and lookups of calls, for assertions.</summary>
internal static class Inspect
{
    /// <summary><c>ID Severity path(line,col)-(line,col): message</c>, 1-based, or <c>ID Severity (no location): message</c>.</summary>
    public static string Describe(Diagnostic d)
    {
        var place = "(no location)";
        if (d.Location != Location.None)
        {
            var span = d.Location.GetLineSpan();
            place = $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        }

        return $"{d.Id} {d.Severity} {place}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The one invocation in the user's code whose text is <paramref name="text"/>.</summary>
    public static Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax Call(GeneratorRun run, string text) =>
        Assert.Single(
            run.Output.SyntaxTrees
                .Where(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
                .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()),
            i => i.ToString() == text);

    /// <summary>The interceptors (or nulls) of every call whose text is <paramref name="text"/>; at least one must exist.</summary>
    public static IMethodSymbol?[] InterceptorsOf(GeneratorRun run, string text)
    {
        var calls = run.Output.SyntaxTrees
            .Where(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
            .Where(i => i.ToString() == text)
            .ToList();
        Assert.True(calls.Count > 0, $"no call {text}");
        return [.. calls.Select(c => run.Output.GetSemanticModel(c.SyntaxTree).GetInterceptorMethod(c))];
    }

    /// <summary>The interceptor the final compilation binds the call <paramref name="text"/> to, or null.</summary>
    public static IMethodSymbol? InterceptorOf(GeneratorRun run, string text)
    {
        var call = Call(run, text);
        return run.Output.GetSemanticModel(call.SyntaxTree).GetInterceptorMethod(call);
    }
}
