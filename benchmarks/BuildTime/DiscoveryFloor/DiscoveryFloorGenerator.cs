using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Benchmarks.BuildTime;

/// <summary>
/// The semantic work every generator that intercepts the call sites of attributed methods must do,
/// and nothing more: bind each invocation whose name a [Traced] method has (found with
/// ForAttributeWithMetadataName), check the attribute, ask for its interceptable location; then add
/// the interceptor floor's source (attributes and empty methods, from an additional file) as its
/// output. Compiling a project with it measures the floor of the design including discovery.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DiscoveryFloorGenerator : IIncrementalGenerator
{
    private const string Traced = "Instrumentation.TracedAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider
            .ForAttributeWithMetadataName(Traced, static (node, _) => node is MethodDeclarationSyntax, static (c, _) => c.TargetSymbol.Name)
            .Collect();

        var sites = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax }, static (c, ct) =>
            {
                var invocation = (InvocationExpressionSyntax)c.Node;
                var name = invocation.Expression is MemberAccessExpressionSyntax m ? m.Name.Identifier.ValueText : ((IdentifierNameSyntax)invocation.Expression).Identifier.ValueText;
                if (c.SemanticModel.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol method) return null;
                if (!method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Traced)) return null;
                return c.SemanticModel.GetInterceptableLocation(invocation, ct)?.Data;
            })
            .Where(static d => d is not null)
            .Collect();

        var floor = context.AdditionalTextsProvider.Where(static t => t.Path.EndsWith("floor.cs")).Collect();
        context.RegisterSourceOutput(sites.Combine(names).Combine(floor), static (spc, input) =>
        {
            var text = input.Right.FirstOrDefault()?.GetText()?.ToString() ?? string.Empty;
            spc.AddSource("Floor.g.cs", $"// {input.Left.Left.Length} sites, {input.Left.Right.Length} traced methods\n" + text);
        });
    }
}
