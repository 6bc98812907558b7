using System.Linq;
using System.Threading;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// TRC014 for a <c>[TraceContext]</c> parameter of a method that is not traced, so the attribute
/// would silently do nothing. Methods that can be overridden or implemented (abstract, virtual,
/// interface members) are left alone: a traced override or implementation takes its carrier from them.
/// </summary>
internal static class OrphanCarrierParser
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) => node is ParameterSyntax;

    public static DiagnosticInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken _)
    {
        if (context.TargetSymbol is not IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter) return null;
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation)) return null;
        if (method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface) return null;
        if (TracedSymbols.FindTraced(method) is not null) return null;

        var display = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        return DiagnosticInfo.Create(DiagnosticDescriptors.CarrierWithoutEffect, parameter.Locations.FirstOrDefault(), parameter.Name, display,
            "the method is not traced. Add [Traced(Kind = ActivityKind.Consumer)] (or Server, Producer, Client) to it, or remove [TraceContext]");
    }
}
