using System;

namespace Instrumentation;

/// <summary>
/// Opts a parameter (or, with <c>[return: Tag]</c>, the return value) of a traced method in as a
/// span tag. Nothing about parameters is captured without it. The value is computed only when
/// the span is sampled.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = false)]
public sealed class TagAttribute : Attribute
{
    /// <summary>Tags with the parameter's name (or <c>return</c> for the return value).</summary>
    public TagAttribute() { }

    /// <summary>Tags with the given tag name.</summary>
    public TagAttribute(string name) => Name = name;

    /// <summary>The tag name; the parameter's name when null.</summary>
    public string? Name { get; }

    /// <summary>
    /// Opts a value of any other type than primitives, strings, enums and Guids in, as its
    /// <c>ToString()</c> text. Off by default so no object is turned into text by accident.
    /// </summary>
    public bool UseToString { get; set; }
}
