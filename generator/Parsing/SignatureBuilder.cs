using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The signature pieces that interceptors and decorators both repeat (type parameters with their constraints,
/// parameters, ref returns), read from symbols into models; Emitting/SignatureText spells them.
/// </summary>
internal static class SignatureBuilder
{
    public static EquatableArray<TypeParameterModel> TypeParameters(IEnumerable<ITypeParameterSymbol> typeParameters, Compilation compilation) =>
        typeParameters.Select(t => TypeParameter(t, compilation)).ToEquatableArray();

    private static TypeParameterModel TypeParameter(ITypeParameterSymbol t, Compilation compilation) => new(
        SymbolNames.Identifier(t.Name),
        t.HasReferenceTypeConstraint ? (t.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? SpecialConstraint.NullableClass : SpecialConstraint.Class)
            : t.HasUnmanagedTypeConstraint ? SpecialConstraint.Unmanaged
            : t.HasValueTypeConstraint ? SpecialConstraint.Struct
            : SpecialConstraint.None,
        t.HasNotNullConstraint,
        t.ConstraintTypes.Select(SymbolNames.Type).ToEquatableArray(),
        t.HasConstructorConstraint && !t.HasValueTypeConstraint, // struct implies new(), and may not repeat it
        t.AllowsRefLikeType,
        t.IsValueType,
        t.IsReferenceType,
        FlowAttributes.Of(t, compilation));

    /// <summary>A parameter without tags (a traced method's builder adds them).</summary>
    public static ParameterModel Parameter(IParameterSymbol p, Compilation compilation) => new(
        SymbolNames.Identifier(p.Name),
        SymbolNames.Type(p.Type),
        Ref(p.RefKind),
        p.ScopedKind is ScopedKind.ScopedRef or ScopedKind.ScopedValue,
        IsThis: false,
        p.IsParams,
        TagName: null,
        TagAsText: false,
        p.Type.IsRefLikeType,
        FlowAttributes.Of(p, compilation));

    public static EquatableArray<ParameterModel> Parameters(IEnumerable<IParameterSymbol> parameters, Compilation compilation) =>
        parameters.Select(p => Parameter(p, compilation)).ToEquatableArray();

    public static RefMode Ref(RefKind kind) => kind switch
    {
        RefKind.Ref => RefMode.Ref,
        RefKind.Out => RefMode.Out,
        RefKind.In => RefMode.In,
        RefKind.RefReadOnlyParameter => RefMode.RefReadOnly,
        _ => RefMode.None,
    };

    /// <summary>A method's or property's ref return (<c>RefKind.RefReadOnly</c> there is the same value as <c>In</c>).</summary>
    public static RefMode ReturnRef(RefKind kind) => kind switch
    {
        RefKind.Ref => RefMode.Ref,
        RefKind.RefReadOnly => RefMode.RefReadOnly,
        _ => RefMode.None,
    };

    /// <summary><c>void</c> or the return type, fully qualified.</summary>
    public static string ReturnType(IMethodSymbol method) => method.ReturnsVoid ? "void" : SymbolNames.Type(method.ReturnType);
}
