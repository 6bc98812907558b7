using System.Threading;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>Names a <c>Tracing.Block()</c> call after its enclosing member and line, at compile time.</summary>
internal static class BlockParser
{
    public static bool IsTracingBlock(IMethodSymbol method) =>
        method.Name == "Block" && method.ContainingType is { } type && TracedSymbols.IsNamed(type, "Instrumentation.Tracing");

    public static ParseResult? Parse(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        // The caller's own member, file or line (Tracing.Block(member: "Load")) is theirs to keep:
        // such a call is left to Tracing.Block itself, which names the span from them at run time.
        if (PassesCallerInfo(invocation)) return null;
        var interceptable = model.GetInterceptableLocation(invocation, cancellationToken);
        if (interceptable is null) return null;

        var member = model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken);
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }) member = member.ContainingSymbol;
        var typeName = member?.ContainingType?.Name ?? "Program";
        var memberName = member switch
        {
            IMethodSymbol { AssociatedSymbol: { } property } => property.MetadataName, // an accessor: the property ("Item" for indexers), as [CallerMemberName] says
            _ => member?.Name switch
            {
                null or "<Main>$" => "Main",
                ".ctor" or ".cctor" => typeName,
                var n => n,
            },
        };

        var span = invocation.GetLocation().GetLineSpan(); // where the interceptor applies, for ordering and the comment
        var code = CodeLocation.Of(invocation.GetLocation(), model.Compilation)!.Value; // what the tags say
        var functionName = (member?.ContainingType?.ToDisplayString() ?? "Program") + "." + memberName;
        return ParseResult.Of(new BlockSite(
            interceptable.Version, interceptable.Data, $"{typeName}.{memberName}:{code.Line}", functionName, code.Path, code.Line,
            $"{span.Path}:{invocation.SpanStart:D9}", $"{System.IO.Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})"));
    }

    /// <summary>Whether the call gives Block's member, file or line itself: by name, or by position after the name.</summary>
    private static bool PassesCallerInfo(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i].NameColon?.Name.Identifier.ValueText;
            if (name is null ? i > 0 : name != "name") return true;
        }

        return false;
    }
}
