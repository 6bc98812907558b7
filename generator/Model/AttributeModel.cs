namespace Instrumentation.Generator.Model;

/// <summary>What an attribute applies to, when not the declaration it precedes.</summary>
internal enum AttributeTarget
{
    Declaration,
    Return,
    Param,
}

/// <summary>An attribute a wrapper repeats (<c>[NotNullWhen(true)]</c>, <c>[RequiresPreviewFeatures]</c>).</summary>
/// <param name="Target">The <c>return:</c> or <c>param:</c> target, if any.</param>
/// <param name="Type">The attribute class's full metadata name (a top-level type), without <c>global::</c>.</param>
/// <param name="Arguments">Its constructor arguments, then its named ones.</param>
internal sealed record AttributeModel(AttributeTarget Target, string Type, EquatableArray<AttributeArgument> Arguments);

/// <summary>One argument of an <see cref="AttributeModel"/>.</summary>
/// <param name="Name">The property or field a named argument sets, or null.</param>
/// <param name="Value">
/// The constant as the compiler spells it in C# (<c>true</c>, <c>"x"</c>), or <c>nameof(parameter)</c>: attribute arguments may be of
/// any constant type (enums, types, arrays), which only Roslyn's <c>TypedConstant</c> can spell, and that needs the symbol.
/// </param>
internal sealed record AttributeArgument(string? Name, string Value);
