using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Which values become tags: primitives, strings, enums and Guids, or anything with <c>UseToString</c>.</summary>
internal static class TagTypes
{
    public static bool IsTaggable(ITypeSymbol type, AttributeData tag) =>
        IsSimple(type) || TracedSymbols.NamedArgument(tag, "UseToString") is true;

    public static bool IsSimple(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
        if (type.TypeKind == TypeKind.Enum) return true;
        if (type.ToDisplayString() == "System.Guid") return true;
        return type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_String
            or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;
    }

    /// <summary>
    /// A type parameter that <c>allows ref struct</c>: it can be neither boxed (<c>as object</c>, CS0019) nor tested for null
    /// before <c>ToString()</c>, so it gets no tag (silently: <c>[Tag]</c> is not wrong on it, only unusable).
    /// </summary>
    public static bool MayBeRefStruct(ITypeSymbol type) => type is ITypeParameterSymbol { AllowsRefLikeType: true };

    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, else the type itself.</summary>
    public static ITypeSymbol ResultType(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && IsTask(named) ? named.TypeArguments[0] : type;

    /// <summary>System.Threading.Tasks' <c>Task</c> or <c>ValueTask</c>, with a result or without.</summary>
    private static bool IsTask(INamedTypeSymbol type) =>
        type.Name is "Task" or "ValueTask" && type.ContainingNamespace.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>A tag's name: the one it gives, else <paramref name="fallback"/> (the parameter's name, or "return").</summary>
    public static string TagName(AttributeData tag, string fallback) =>
        tag.ConstructorArguments.Length == 1 && tag.ConstructorArguments[0].Value is string name ? name : fallback;

    /// <summary>Why a method's return value cannot be tagged (TRC018's reason), or null.</summary>
    public static string? WhyNoResult(IMethodSymbol method)
    {
        if (method.ReturnsVoid || (method.ReturnType is INamedTypeSymbol { IsGenericType: false } task && IsTask(task)))
            return Diagnostics.DiagnosticReasons.Tag.NoResult;
        if (method.RefKind != RefKind.None) return Diagnostics.DiagnosticReasons.Tag.RefReturn;
        if (method.ReturnType.IsRefLikeType || MayBeRefStruct(method.ReturnType)) return Diagnostics.DiagnosticReasons.Tag.RefStructResult;
        return null;
    }
}
