namespace Instrumentation.Generator.Model;

/// <summary>How a parameter or a return is passed.</summary>
internal enum RefMode
{
    None,
    Ref,
    Out,
    In,
    RefReadOnly,
}

/// <summary>One parameter of a method or indexer as a wrapper re-declares it.</summary>
/// <param name="Name">The parameter's name, escaped for C# (for example <c>@class</c>).</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="Ref">How it is passed.</param>
/// <param name="Scoped">Declared <c>scoped</c>.</param>
/// <param name="IsThis">The <c>this</c> parameter of an extension method.</param>
/// <param name="IsParams">Declared with <c>params</c>.</param>
/// <param name="TagName">The span tag it becomes, when marked <c>[Tag]</c>; else null.</param>
/// <param name="TagAsText">The tag value is the parameter's <c>ToString()</c> (opted in with <c>UseToString</c>).</param>
/// <param name="IsRefLike">A ref struct (such as <c>ReadOnlySpan&lt;char&gt;</c>): cannot be boxed, is never null.</param>
/// <param name="Attributes">Nullable flow attributes to re-declare (for example <c>[NotNullWhen(true)]</c>).</param>
internal sealed record ParameterModel(
    string Name,
    string Type,
    RefMode Ref,
    bool Scoped,
    bool IsThis,
    bool IsParams,
    string? TagName,
    bool TagAsText,
    bool IsRefLike,
    EquatableArray<AttributeModel> Attributes);
