using System.Threading;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>Finds traced methods used as method groups (delegates), whose calls cannot be intercepted.</summary>
internal static class MethodGroupParser
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken _)
    {
        if (node is not (IdentifierNameSyntax or GenericNameSyntax)) return false; // Twice, or Echo<int>
        var name = (SimpleNameSyntax)node;
        SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
        if (name.Parent is MemberAccessExpressionSyntax outer && outer.Expression == name) return false; // a receiver, not a method
        if (name.Parent is MemberBindingExpressionSyntax) expression = name.Parent;
        return expression.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != expression;
    }

    public static DiagnosticInfo? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var name = (SimpleNameSyntax)context.Node;
        if (!TracedNameIndex.For(context.SemanticModel.Compilation).MayBeTraced(name.Identifier.ValueText)) return null;
        if (IsInNameof(name)) return null;
        if (context.SemanticModel.GetSymbolInfo(name, cancellationToken).Symbol is not IMethodSymbol method) return null;
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension)) return null;
        var checks = DefinitionChecks.Of(method, context.SemanticModel.Compilation);
        if (checks.Traced is null) return null;
        var display = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (ParenthesizedCall(name) is { } call)
            return DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedShape, call.GetLocation(), display, DiagnosticReasons.Shape.ParenthesizedCall).For(checks.AssemblyWide);
        return DiagnosticInfo.Create(DiagnosticDescriptors.MethodGroup, name.GetLocation(), display, name.Parent is MemberAccessExpressionSyntax m ? m.ToString() : name.ToString())
            .For(checks.AssemblyWide);
    }

    /// <summary>
    /// <c>(x.M)(1)</c>: a direct call (no delegate), whose method is in parentheses, which no interceptable
    /// location covers. The invocation, or null for a real method group.
    /// </summary>
    private static InvocationExpressionSyntax? ParenthesizedCall(SimpleNameSyntax name)
    {
        SyntaxNode group = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
        var outer = group;
        while (outer.Parent is ParenthesizedExpressionSyntax parentheses) outer = parentheses;
        return outer != group && outer.Parent is InvocationExpressionSyntax invocation && invocation.Expression == outer ? invocation : null;
    }

    private static bool IsInNameof(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }) return true;
            if (current is StatementSyntax or MemberDeclarationSyntax) return false;
        }

        return false;
    }
}
