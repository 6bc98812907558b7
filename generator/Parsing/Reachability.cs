using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// Whether generated code (a file-local class in the same assembly) can name and call a method.
/// Not named Accessibility: that hid Microsoft.CodeAnalysis.Accessibility throughout this namespace.
/// </summary>
internal static class Reachability
{
    /// <summary>The first thing the interceptor cannot reach, as the subject of TRC005's "{1} is not accessible", or null when all is reachable.</summary>
    public static string? FirstInaccessible(IMethodSymbol called, Compilation compilation)
    {
        var method = TracedSymbols.Definition(called);
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal) return $"type '{type.Name}' (file-local)";
            if (!IsReachable(type, compilation)) return $"type '{type.Name}' ({Describe(type.DeclaredAccessibility)})";
        }

        if (!IsReachable(method, compilation)) return $"the method ({Describe(method.DeclaredAccessibility)})";

        var types = method.Parameters.Select(p => p.Type).Append(method.ReturnType);
        foreach (var type in types)
        {
            if (!IsNameable(type, compilation)) return $"type '{type.ToDisplayString()}' in its signature";
        }

        return null;
    }

    /// <summary>
    /// Whether a private or protected target (whose type and signature generated code can name) can
    /// be called through an <c>[UnsafeAccessor]</c> (.NET 8+). Generic members, members of static
    /// classes and readonly struct members are outside what that attribute supports on .NET 8.
    /// </summary>
    public static bool CanUseAccessor(IMethodSymbol called, Compilation compilation)
    {
        var method = TracedSymbols.Definition(called);
        if (compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorAttribute") is null) return false;
        if (method.IsGenericMethod || method.IsExtensionMethod || method.ContainingType.IsStatic) return false;
        if (method.ContainingType.ContainingType is not null && method.ContainingType.IsGenericType) return false;
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType || type.IsFileLocal || !IsReachable(type, compilation)) return false;
        }

        if (!method.IsStatic && method.ContainingType.IsValueType && (method.IsReadOnly || method.ContainingType.IsReadOnly)) return false;
        return method.Parameters.Select(p => p.Type).Append(method.ReturnType).All(t => IsNameable(t, compilation));
    }

    /// <summary>
    /// Whether code of the compilation's own assembly, outside any type, can reach <paramref name="symbol"/>.
    /// What is public all the way out, or internal to this assembly, is answered here; the rest by
    /// the compiler, whose public check first looks for the symbol's assembly among all references
    /// (a linear scan, each time): for the 2,000 targets of a large project, most of these checks' time.
    /// </summary>
    internal static bool IsReachable(ISymbol symbol, Compilation compilation)
    {
        var ownAssembly = SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);
        for (var member = symbol; member is not null; member = member.ContainingType)
        {
            var open = member.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => ownAssembly,
                _ => false,
            };
            if (!open) return compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly);
        }

        return true;
    }

    internal static bool IsNameable(ITypeSymbol type, Compilation compilation) => type switch
    {
        IArrayTypeSymbol array => IsNameable(array.ElementType, compilation),
        ITypeParameterSymbol => true,
        // The containing type's type arguments too: Dictionary<string, Entry>.ValueCollection names Entry.
        INamedTypeSymbol named => !named.IsFileLocal && IsReachable(named.OriginalDefinition, compilation)
            && named.TypeArguments.All(t => IsNameable(t, compilation))
            && (named.ContainingType is not { } outer || IsNameable(outer, compilation)),
        _ => true,
    };

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        _ => "not accessible",
    };
}
