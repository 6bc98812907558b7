using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Signatures no interceptor (or decorator member) can repeat, whatever their accessibility.</summary>
internal static class InterceptableShape
{
    /// <summary>Why no interceptor signature can express the method here (TRC011's reason), or null.</summary>
    public static string? UnsupportedShape(IMethodSymbol called)
    {
        var method = TracedSymbols.Definition(called);
        if (method.IsVararg) return DiagnosticReasons.Shape.Arglist;
        if (method.Parameters.Any(p => HasPointer(p.Type)) || HasPointer(method.ReturnType))
            return DiagnosticReasons.Shape.PointerTypes;
        var outerNames = ContainingTypeParameterNames(method);
        if (method.TypeParameters.Any(t => outerNames.Contains(t.Name)))
            return DiagnosticReasons.Shape.ReusedTypeParameterNames;
        if (ErrorObsolete.In(method) is { } obsolete)
            return DiagnosticReasons.Shape.ErrorObsolete(obsolete);
        return null;
    }

    /// <summary>
    /// An interceptor's own limit (a decorator method may hide its class's type parameter): a parameter
    /// named like a type parameter of the method's containing types, which the interceptor declares as
    /// its own (CS0412). TRC011's reason, or null.
    /// </summary>
    public static string? ParameterHidesTypeParameter(IMethodSymbol called)
    {
        var method = TracedSymbols.Definition(called);
        var outerNames = ContainingTypeParameterNames(method);
        return method.Parameters.FirstOrDefault(p => outerNames.Contains(p.Name)) is { } hiding
            ? DiagnosticReasons.Shape.ParameterNamedLikeTypeParameter(hiding.Name)
            : null;
    }

    /// <summary>The type parameters' names of the method's containing types, which an interceptor declares as its own.</summary>
    private static HashSet<string> ContainingTypeParameterNames(IMethodSymbol method)
    {
        var names = new HashSet<string>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var parameter in type.TypeParameters) names.Add(parameter.Name);
        }

        return names;
    }

    /// <summary>Pointers anywhere in the type (<c>int*[]</c> too) need an unsafe context the generated code does not have.</summary>
    internal static bool HasPointer(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => HasPointer(array.ElementType),
        _ => false,
    };
}
