using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// What a user's build compiles: the generator's own output (not the harness's copy with nullable
/// warnings back on). Its signatures keep their nullable annotations, and it adds no warning to a
/// project with nullable reference types on.
/// </summary>
public sealed class NullableContextTests
{
    private const string Source = """
        using Instrumentation;

        namespace Demo;

        public class Orders
        {
            [Traced]
            public string? Describe(string? name, string label) => name ?? label;
        }

        public static class Use
        {
            public static string? Run(Orders o) => o.Describe(null, "none");
        }
        """;

    [Fact]
    public void The_generated_interceptor_keeps_nullable_annotations_and_adds_no_warning()
    {
        var input = GeneratorHarness.Compilation("/src/Orders.cs", Source);
        var run = GeneratorHarness.Run(input);
        var generated = run.Generator.GeneratedSources.Single(s => s.HintName == "Instrumentation.Interceptors.g.cs").SourceText.ToString();
        var tree = CSharpSyntaxTree.ParseText(generated, GeneratorHarness.ParseOptions, "/gen/Instrumentation.Interceptors.g.cs");
        var usersBuild = input.AddSyntaxTrees(tree);

        Assert.Empty(usersBuild.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text.StartsWith("Describe_"));
        var interceptor = usersBuild.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
        Assert.Equal(NullableAnnotation.Annotated, interceptor.ReturnType.NullableAnnotation);
        Assert.Equal(NullableAnnotation.Annotated, interceptor.Parameters.Single(p => p.Name == "name").Type.NullableAnnotation);
        Assert.Equal(NullableAnnotation.NotAnnotated, interceptor.Parameters.Single(p => p.Name == "label").Type.NullableAnnotation);
    }
}
