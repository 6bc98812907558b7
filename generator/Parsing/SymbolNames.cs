using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generator.Parsing;

/// <summary>How symbols are spelled in generated code: fully qualified, with nullable annotations.</summary>
internal static class SymbolNames
{
    public static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Type(ITypeSymbol type) => type.ToDisplayString(Qualified);

    /// <summary>How a parameter is declared before its type: <c>ref</c>, <c>out</c>, <c>in</c>, <c>ref readonly</c>, each possibly <c>scoped</c>.</summary>
    public static string ParameterModifier(IParameterSymbol parameter)
    {
        var modifier = parameter.RefKind switch
        {
            RefKind.Ref => "ref",
            RefKind.Out => "out",
            RefKind.In => "in",
            RefKind.RefReadOnlyParameter => "ref readonly",
            _ => string.Empty,
        };
        return parameter.ScopedKind is ScopedKind.ScopedRef or ScopedKind.ScopedValue ? ("scoped " + modifier).Trim() : modifier;
    }

    /// <summary>A name usable as an identifier: keywords get an <c>@</c>.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
            ? "@" + name
            : name;
}
