namespace Instrumentation.Generator.Model;

/// <summary>The special constraint a type parameter leads its clause with (they exclude each other).</summary>
internal enum SpecialConstraint
{
    None,
    Class,
    NullableClass,
    Struct,
    Unmanaged,
}

/// <summary>A type parameter and its constraints, as a wrapper repeats them.</summary>
/// <param name="Name">The name, escaped for C#.</param>
/// <param name="Special"><c>class</c>, <c>class?</c>, <c>struct</c> or <c>unmanaged</c>.</param>
/// <param name="NotNull">Constrained <c>notnull</c>.</param>
/// <param name="Types">Constraint types, fully qualified.</param>
/// <param name="New">Constrained <c>new()</c> (never with <c>struct</c>, which implies it).</param>
/// <param name="AllowsRefStruct">Declares <c>allows ref struct</c>.</param>
/// <param name="IsValueType">Known to be a value type (also through a constraint type): an explicit implementation says <c>struct</c>.</param>
/// <param name="IsReferenceType">Known to be a reference type: an explicit implementation says <c>class</c>.</param>
/// <param name="Attributes">What the declaration repeats (<c>[DynamicallyAccessedMembers]</c>).</param>
internal sealed record TypeParameterModel(
    string Name,
    SpecialConstraint Special,
    bool NotNull,
    EquatableArray<string> Types,
    bool New,
    bool AllowsRefStruct,
    bool IsValueType,
    bool IsReferenceType,
    EquatableArray<AttributeModel> Attributes);
