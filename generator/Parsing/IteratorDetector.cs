using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// Whether a method is an iterator (<c>yield</c>): only then does its span cover the enumeration.
/// Methods that merely return a sequence keep returning the very object they returned.
/// </summary>
internal static class IteratorDetector
{
    public static bool IsIterator(IMethodSymbol method)
    {
        // A partial method's declaration has no body: its implementation says.
        if (method.PartialImplementationPart is { } implementation) method = implementation;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var body = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                _ => null,
            };
            if (body is not null && body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any())
                return true;
        }

        return method.GetAttributes().Any(a => a.AttributeClass?.Name is "IteratorStateMachineAttribute" or "AsyncIteratorStateMachineAttribute");
    }
}
