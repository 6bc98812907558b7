using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Whether generated code (a file-local class in the same assembly) can name and call a method.</summary>
internal static class Accessibility
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

    /// <summary>Shapes no interceptor signature can express here.</summary>
    public static string? UnsupportedShape(IMethodSymbol called)
    {
        var method = TracedSymbols.Definition(called);
        if (method.IsVararg) return "it uses __arglist";
        if (method.Parameters.Any(p => HasPointer(p.Type)) || HasPointer(method.ReturnType))
            return "its signature has pointer types";
        var outerNames = new System.Collections.Generic.HashSet<string>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var parameter in type.TypeParameters) outerNames.Add(parameter.Name);
        }

        if (method.TypeParameters.Any(t => outerNames.Contains(t.Name)))
            return "its type parameters reuse the names of its containing type's type parameters (rename them)";
        if (ErrorObsolete.In(method) is { } obsolete)
            return $"{obsolete}, which generated code (not in an [Obsolete] context) cannot use (CS0619)";
        return null;
    }

    /// <summary>Pointers anywhere in the type (<c>int*[]</c> too) need an unsafe context the generated code does not have.</summary>
    internal static bool HasPointer(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => HasPointer(array.ElementType),
        _ => false,
    };

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
                Microsoft.CodeAnalysis.Accessibility.Public => true,
                Microsoft.CodeAnalysis.Accessibility.Internal or Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => ownAssembly,
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
        INamedTypeSymbol named => !named.IsFileLocal && IsReachable(named.OriginalDefinition, compilation)
            && named.TypeArguments.All(t => IsNameable(t, compilation)),
        _ => true,
    };

    private static string Describe(Microsoft.CodeAnalysis.Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        _ => "not accessible",
    };
}
