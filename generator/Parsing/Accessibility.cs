using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Whether generated code (a file-local class in the same assembly) can name and call a method.</summary>
internal static class Accessibility
{
    /// <summary>A description of the first thing the interceptor cannot reach, or null when all is reachable.</summary>
    public static string? FirstInaccessible(IMethodSymbol called, Compilation compilation)
    {
        var method = TracedSymbols.Definition(called);
        if (!compilation.IsSymbolAccessibleWithin(method, compilation.Assembly)) return $"the method is {Describe(method.DeclaredAccessibility)}";
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)) return $"type '{type.Name}' is {Describe(type.DeclaredAccessibility)}";
        }

        var types = method.Parameters.Select(p => p.Type).Append(method.ReturnType);
        foreach (var type in types)
        {
            if (!IsNameable(type, compilation)) return $"type '{type.ToDisplayString()}' in its signature is not accessible";
        }

        return null;
    }

    /// <summary>Shapes no interceptor signature can express here.</summary>
    public static string? UnsupportedShape(IMethodSymbol called)
    {
        var method = TracedSymbols.Definition(called);
        if (method.IsVararg) return "it uses __arglist";
        if (method.Parameters.Any(p => p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer) || method.ReturnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            return "its signature has pointer types";
        return null;
    }

    private static bool IsNameable(ITypeSymbol type, Compilation compilation) => type switch
    {
        IArrayTypeSymbol array => IsNameable(array.ElementType, compilation),
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, compilation.Assembly)
            && named.TypeArguments.All(t => IsNameable(t, compilation)),
        _ => true,
    };

    private static string Describe(Microsoft.CodeAnalysis.Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        _ => "not accessible",
    };
}
