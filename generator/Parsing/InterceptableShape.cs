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
        foreach (var typeParameter in method.TypeParameters)
        {
            if (typeParameter.ConstraintTypes.FirstOrDefault(t => !IsWritableConstraint(t)) is { } constraint)
                return DiagnosticReasons.Shape.UnwritableConstraint(typeParameter.Name, constraint.ToDisplayString());
        }

        return null;
    }

    /// <summary>
    /// Whether C# accepts the type as a constraint. An override inherits its constraints with the
    /// base type's arguments substituted (<c>where T : U</c> in <c>B&lt;U&gt;</c> becomes <c>T : string</c>
    /// in <c>D : B&lt;string&gt;</c>), which may leave one no declaration can spell: a sealed class, a
    /// struct, <c>object</c>, <c>ValueType</c>, <c>Array</c> (CS0701, CS0702).
    /// </summary>
    private static bool IsWritableConstraint(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => true,
        INamedTypeSymbol { TypeKind: TypeKind.Class, IsSealed: false } named => named.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Array),
        _ => false,
    };

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
