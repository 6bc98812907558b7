using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The diagnostic ids of <c>[Experimental("ID")]</c> and <c>[Obsolete(DiagnosticId = "ID")]</c> on what generated code uses:
/// the user suppresses them around the call (or the interface), but generated code names the same symbols and would report
/// them again, so the generated file disables them. CS0612/CS0618 (an [Obsolete] without an id) are disabled always.
/// </summary>
internal static class SuppressedIds
{
    /// <summary>The ids on the method, its containing types and assembly, and the types of its signature and constraints.</summary>
    public static IEnumerable<string> Of(IMethodSymbol method) =>
        OnSymbol(method)
            .Concat(OnContainers(method.ContainingType))
            .Concat(OnAssembly(method))
            .Concat(OnTypes(method.Parameters.Select(p => p.Type).Append(method.ReturnType)
                .Concat(method.TypeParameters.Concat(ContainingTypeParameters(method.ContainingType)).SelectMany(t => t.ConstraintTypes))));

    /// <summary>The ids on a decorated interface's member: itself, its accessors and the types of its signature (the interface's own come from <see cref="OfType"/>).</summary>
    public static IEnumerable<string> OfMember(ISymbol member) => member switch
    {
        IMethodSymbol method => Of(method),
        IPropertySymbol property => OnSymbol(property).Concat(OnSymbol(property.GetMethod)).Concat(OnSymbol(property.SetMethod))
            .Concat(OnTypes(property.Parameters.Select(p => p.Type).Append(property.Type))),
        IEventSymbol @event => OnSymbol(@event).Concat(OnSymbol(@event.AddMethod)).Concat(OnSymbol(@event.RemoveMethod)).Concat(OnTypes([@event.Type])),
        _ => [],
    };

    /// <summary>The ids on the type, its containing types, its type arguments, its assembly and the constraints of its type parameters.</summary>
    public static IEnumerable<string> OfType(INamedTypeSymbol type) =>
        OnTypes([type]).Concat(OnTypes(type.TypeParameters.SelectMany(t => t.ConstraintTypes)));

    /// <summary>Sorted and distinct, for deterministic output.</summary>
    public static string[] Sorted(IEnumerable<string> ids) => ids.Distinct().OrderBy(id => id, System.StringComparer.Ordinal).ToArray();

    private static IEnumerable<ITypeParameterSymbol> ContainingTypeParameters(INamedTypeSymbol? type) =>
        type is null ? [] : ContainingTypeParameters(type.ContainingType).Concat(type.TypeParameters);

    private static IEnumerable<string> OnAssembly(ISymbol symbol) =>
        (symbol.ContainingAssembly is { } assembly ? OnSymbol(assembly) : []).Concat(symbol.ContainingModule is { } module ? OnSymbol(module) : []);

    private static IEnumerable<string> OnContainers(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            foreach (var id in OnSymbol(t.OriginalDefinition)) yield return id;
        }
    }

    /// <summary>The type's type arguments and its containing types' (<c>Outer&lt;Preview&gt;.Inner</c> names <c>Preview</c>).</summary>
    private static IEnumerable<ITypeSymbol> TypeArgumentsWithin(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            foreach (var argument in t.TypeArguments) yield return argument;
        }
    }

    private static IEnumerable<string> OnTypes(IEnumerable<ITypeSymbol> types)
    {
        foreach (var type in types)
        {
            var ids = type switch
            {
                IArrayTypeSymbol array => OnTypes([array.ElementType]),
                IPointerTypeSymbol pointer => OnTypes([pointer.PointedAtType]),
                INamedTypeSymbol named => OnContainers(named).Concat(OnTypes(TypeArgumentsWithin(named))).Concat(OnAssembly(named)),
                _ => [],
            };
            foreach (var id in ids) yield return id;
        }
    }

    private static IEnumerable<string> OnSymbol(ISymbol? symbol)
    {
        if (symbol is null) yield break;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is not { ContainingType: null } type || type.ContainingNamespace?.ToDisplayString() is not { } ns) continue;
            var id = (ns, type.Name) switch
            {
                ("System.Diagnostics.CodeAnalysis", "ExperimentalAttribute") => attribute.ConstructorArguments.FirstOrDefault().Value as string,
                ("System", "ObsoleteAttribute") => attribute.NamedArguments.FirstOrDefault(a => a.Key == "DiagnosticId").Value.Value as string,
                _ => null,
            };
            if (IsIdentifier(id)) yield return id!;
        }
    }

    /// <summary>Only ids a pragma can name (letters, digits, '_'): anything else would break the generated file.</summary>
    private static bool IsIdentifier(string? id) => !string.IsNullOrEmpty(id) && id!.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_'));
}
