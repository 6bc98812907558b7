using System.Linq;
using Instrumentation.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// <c>[Obsolete("...", true)]</c>: using such a symbol outside an obsolete context is error CS0619, which no pragma suppresses.
/// A caller or interface may use it (inside its own [Obsolete] context); generated code, which is not obsolete, must not.
/// </summary>
internal static class ErrorObsolete
{
    /// <summary>What in the method (itself, its containing types, its signature and constraints) is obsolete as an error, or null.</summary>
    public static string? In(IMethodSymbol method) =>
        Symbol(method) ?? Containing(method.ContainingType)
        ?? Types(method.Parameters.Select(p => p.Type).Append(method.ReturnType).Concat(method.TypeParameters.SelectMany(t => t.ConstraintTypes)));

    /// <summary>What in the property or indexer (itself, its accessors, its type and parameters) is obsolete as an error, or null.</summary>
    public static string? In(IPropertySymbol property) =>
        Symbol(property) ?? Symbol(property.GetMethod) ?? Symbol(property.SetMethod) ?? Types(property.Parameters.Select(p => p.Type).Append(property.Type));

    /// <summary>What in the event (itself, its accessors, its type) is obsolete as an error, or null.</summary>
    public static string? In(IEventSymbol @event) =>
        Symbol(@event) ?? Symbol(@event.AddMethod) ?? Symbol(@event.RemoveMethod) ?? Types([@event.Type]);

    /// <summary>What in the type (itself, its containing types, its type arguments) is obsolete as an error, or null.</summary>
    public static string? In(INamedTypeSymbol type) => Containing(type) ?? Types(type.TypeArguments);

    /// <summary>What in the constraints of the type parameters (which a decorator class repeats) is obsolete as an error, or null.</summary>
    public static string? InConstraints(System.Collections.Generic.IEnumerable<ITypeParameterSymbol> typeParameters) =>
        Types(typeParameters.SelectMany(t => t.ConstraintTypes));

    private static string? Containing(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (IsError(t.OriginalDefinition)) return DiagnosticReasons.Obsolete.Type(t.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
        }

        return null;
    }

    private static string? Symbol(ISymbol? symbol) =>
        symbol is not null && IsError(symbol) ? DiagnosticReasons.Obsolete.Symbol(symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)) : null;

    private static string? Types(System.Collections.Generic.IEnumerable<ITypeSymbol> types)
    {
        foreach (var type in types)
        {
            var problem = type switch
            {
                IArrayTypeSymbol array => Types([array.ElementType]),
                IPointerTypeSymbol pointer => Types([pointer.PointedAtType]),
                INamedTypeSymbol named => In(named),
                _ => null,
            };
            if (problem is not null) return problem;
        }

        return null;
    }

    private static bool IsError(ISymbol symbol) => symbol.GetAttributes().Any(a =>
        a.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
        && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[1].Value is true);
}
