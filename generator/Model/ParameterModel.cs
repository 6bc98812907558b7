namespace Instrumentation.Generator.Model;

/// <summary>One parameter of a traced method as the interceptor re-declares it.</summary>
/// <param name="Name">The parameter's name, escaped for C# (for example <c>@class</c>).</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="Modifier">"ref", "out", "in", "ref readonly", or empty.</param>
/// <param name="IsParams">Declared with <c>params</c>.</param>
/// <param name="TagName">The span tag it becomes, when marked <c>[Tag]</c>; else null.</param>
/// <param name="TagAsText">The tag value is the parameter's <c>ToString()</c> (opted in with <c>UseToString</c>).</param>
/// <param name="IsRefLike">A ref struct (such as <c>ReadOnlySpan&lt;char&gt;</c>): cannot be boxed, is never null.</param>
/// <param name="Attributes">Nullable flow attributes to re-declare (for example <c>[NotNullWhen(true)] </c>), or empty.</param>
internal sealed record ParameterModel(string Name, string Type, string Modifier, bool IsParams, string? TagName, bool TagAsText, bool IsRefLike = false, string Attributes = "");
