using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Signatures no interceptor (or decorator member) can repeat, whatever their accessibility.</summary>
internal static class InterceptableShape
{
    /// <summary>Shapes no interceptor signature can express here.</summary>
    public static string? UnsupportedShape(IMethodSymbol called)
    {
        var method = TracedSymbols.Definition(called);
        if (method.IsVararg) return "it uses __arglist";
        if (method.Parameters.Any(p => HasPointer(p.Type)) || HasPointer(method.ReturnType))
            return "its signature has pointer types";
        var outerNames = new HashSet<string>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var parameter in type.TypeParameters) outerNames.Add(parameter.Name);
        }

        if (method.TypeParameters.Any(t => outerNames.Contains(t.Name)))
            return "its type parameters reuse the names of its containing type's type parameters (rename them)";
        if (ErrorObsolete.In(method) is { } obsolete)
            return $"{obsolete}, which generated code (not in an [Obsolete] context) cannot use (CS0619)";
        return null;
    }

    /// <summary>Pointers anywhere in the type (<c>int*[]</c> too) need an unsafe context the generated code does not have.</summary>
    internal static bool HasPointer(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => HasPointer(array.ElementType),
        _ => false,
    };
}
