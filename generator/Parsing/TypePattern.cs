using System;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The <c>[assembly: Traced(Pattern = ...)]</c> filter on full type names: <c>*</c> matches any run of
/// characters, <c>;</c> separates alternatives, a null or empty pattern matches every type.
/// </summary>
internal static class TypePattern
{
    public static bool Matches(string? pattern, INamedTypeSymbol type)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return true;
        var name = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        foreach (var part in pattern!.Split(';'))
        {
            var glob = part.Trim();
            if (glob.Length == 0) continue;
            var regex = "^" + Regex.Escape(glob).Replace("\\*", ".*") + "$";
            if (Regex.IsMatch(name, regex, RegexOptions.CultureInvariant)) return true;
        }

        return false;
    }
}
