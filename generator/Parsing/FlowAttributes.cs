using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The nullable flow attributes (<c>[NotNullWhen(true)]</c>, <c>[MaybeNull]</c>, ...) of a traced
/// method, re-declared on its interceptor: the compiler compares them when it checks that an
/// interceptor matches the method (CS9159), and the interceptor body needs them to pass an
/// <c>out</c> value on without a nullable warning (CS8601).
/// </summary>
internal static class FlowAttributes
{
    private const string Namespace = "System.Diagnostics.CodeAnalysis";

    private static readonly HashSet<string> OnParameters =
    [
        "AllowNullAttribute", "DisallowNullAttribute", "MaybeNullAttribute", "NotNullAttribute",
        "MaybeNullWhenAttribute", "NotNullWhenAttribute", "NotNullIfNotNullAttribute", "DoesNotReturnIfAttribute",
    ];

    private static readonly HashSet<string> OnReturn = ["MaybeNullAttribute", "NotNullAttribute", "NotNullIfNotNullAttribute"];

    /// <summary>The parameter's flow attributes as source text ending in a space, or empty.</summary>
    public static string Of(IParameterSymbol parameter, Compilation compilation) =>
        Render(parameter.GetAttributes(), OnParameters, string.Empty, compilation);

    /// <summary>The method's return flow attributes (<c>[return: ...]</c>) as source text ending in a space, or empty.</summary>
    public static string OfReturn(IMethodSymbol method, Compilation compilation) =>
        Render(method.GetReturnTypeAttributes(), OnReturn, "return: ", compilation);

    private static string Render(IEnumerable<AttributeData> attributes, HashSet<string> names, string target, Compilation compilation)
    {
        var text = new List<string>();
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type || !names.Contains(type.Name) || type.ContainingNamespace?.ToDisplayString() != Namespace) continue;

            // A polyfill internal to another assembly cannot be named here; the compiler then reports the mismatch itself.
            if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)) continue;
            var arguments = attribute.ConstructorArguments.Select(a => a.ToCSharpString());
            text.Add($"[{target}global::{Namespace}.{type.Name}({string.Join(", ", arguments)})] ");
        }

        return string.Concat(text);
    }
}
