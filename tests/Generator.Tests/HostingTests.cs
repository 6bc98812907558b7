using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Projects that cannot compile interceptors (old language version, interceptors not enabled for our
/// namespace) get nothing generated and exactly one TRC008 saying what to change; their build has no errors.
/// </summary>
public sealed class HostingTests
{
    // C# 10 compatible, with calls that would otherwise be intercepted and code that would otherwise get TRC001/TRC006.
    private const string Source = """
        using Instrumentation;

        namespace Demo;

        public class Store
        {
            [Traced]
            public virtual int Load(int id) => id;

            [Traced]
            public void Unused() { }
        }

        public class Cached : Store
        {
            public override int Load(int id) => base.Load(id);

            public int Use()
            {
                using var block = Tracing.Block();
                return Load(1) + new Store().Load(2);
            }
        }
        """;

    [Fact]
    public void A_project_that_only_uses_blocks_gets_no_TRC008()
    {
        const string blocksOnly = """
            using Instrumentation;

            public class Worker
            {
                public int Run()
                {
                    using var block = Tracing.Block("work");
                    return 1;
                }
            }
            """;
        var options = new CSharpParseOptions(LanguageVersion.CSharp10).WithFeatures([new(GeneratorHarness.InterceptorsFeature, GeneratorHarness.GeneratedNamespace)]);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("/src/Worker.cs", blocksOnly, options));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Null(run.GeneratedText);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void CSharp10_gets_one_TRC008_naming_the_version()
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp10).WithFeatures([new(GeneratorHarness.InterceptorsFeature, GeneratorHarness.GeneratedNamespace)]);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("/src/Store.cs", Source, options));

        AssertOnlyTrc008(run, "No [Traced] call is traced in this project: C# 10.0 is too old for the generated code, which needs C# 11 or later. Set <LangVersion>latest</LangVersion> in the project (netstandard2.0 and .NET Framework projects default to C# 7.3).");
    }

    [Fact]
    public void Missing_InterceptorsNamespaces_gets_one_TRC008_naming_the_property()
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new(GeneratorHarness.InterceptorsFeature, "Some.Other.Namespace")]);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("/src/Store.cs", Source, options));

        AssertOnlyTrc008(run, "No [Traced] call is traced in this project: interceptors are not enabled for namespace Instrumentation.Generated. Add <InterceptorsNamespaces>$(InterceptorsNamespaces);Instrumentation.Generated</InterceptorsNamespaces> to the project (the Instrumentation package does this for you).");
    }

    [Fact]
    public void Project_without_traced_code_gets_no_TRC008()
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp10);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("/src/Plain.cs", "namespace Demo; public class Plain { public int M() => 1; }", options));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Null(run.GeneratedText);
        run.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData(GeneratorHarness.InterceptorsFeature, "Other.Generated;Instrumentation.Generated")]
    [InlineData(GeneratorHarness.InterceptorsFeature, "Instrumentation")] // a parent namespace enables its children
    [InlineData("interceptorsnamespaces", "Instrumentation.Generated")] // feature names are case-insensitive
    public void Interceptors_enabled_as_the_compiler_reads_them_are_used(string feature, string namespaces)
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp11).WithFeatures([new(feature, namespaces)]);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("/src/Store.cs", Source, options));

        Assert.Equal(["TRC006", "TRC001"], run.GeneratorDiagnostics.Select(d => d.Id));
        run.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(run, "new Store().Load(2)"));
        Assert.NotNull(Inspect.InterceptorOf(run, "Tracing.Block()"));
    }

    [Theory]
    [InlineData("InterceptorsPreviewNamespaces", "Instrumentation.Generated")] // the Csc task folds it into InterceptorsNamespaces; the compiler ignores it
    [InlineData(GeneratorHarness.InterceptorsFeature, "Other; Instrumentation.Generated")] // the compiler does not trim
    [InlineData(GeneratorHarness.InterceptorsFeature, "instrumentation.generated")] // namespaces are case-sensitive
    [InlineData(GeneratorHarness.InterceptorsFeature, "Instrumentation.Gen")]
    public void Interceptors_the_compiler_would_reject_get_TRC008(string feature, string namespaces)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new(feature, namespaces)]);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("/src/Store.cs", Source, options));

        Assert.Equal("TRC008", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Null(run.GeneratedText);
        run.AssertCompilesCleanly();
    }

    private static void AssertOnlyTrc008(GeneratorRun run, string message)
    {
        run.AssertGeneratorDidNotThrow();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("TRC008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(run.GeneratedText);
        Assert.Null(Inspect.InterceptorOf(run, "new Store().Load(2)"));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        run.AssertCompilesCleanly();
    }
}
