using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// Decides whether a method is traced: <c>[Traced]</c> on the method, on a base virtual or interface
/// member it overrides or implements, on its containing type, or on its assembly (with a pattern),
/// minus <c>[NotTraced]</c>. Type- and assembly-level marking covers ordinary methods only.
/// </summary>
internal static class TracedSymbols
{
    public const string TracedAttributeName = "Instrumentation.TracedAttribute";
    public const string NotTracedAttributeName = "Instrumentation.NotTracedAttribute";
    public const string TagAttributeName = "Instrumentation.TagAttribute";

    /// <summary>The <c>[Traced]</c> that applies to <paramref name="method"/>, or null.</summary>
    public static AttributeData? FindTraced(IMethodSymbol method) => FindTraced(method, out _);

    /// <summary>As <see cref="FindTraced(IMethodSymbol)"/>; <paramref name="onMethod"/> tells whether it sits on a method (so its name applies).</summary>
    public static AttributeData? FindTraced(IMethodSymbol method, out bool onMethod)
    {
        onMethod = true;
        method = Definition(method);
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction) return null;
        if (Has(method, NotTracedAttributeName)) return null;
        if (Get(method, TracedAttributeName) is { } direct) return direct;

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (Get(overridden, TracedAttributeName) is { } inherited) return inherited;
        }

        if (FromInterfaces(method, out onMethod) is { } fromInterface) return fromInterface;
        onMethod = false;
        if (!IsOrdinary(method)) return null;

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (Has(type, NotTracedAttributeName)) return null;
            if (Get(type, TracedAttributeName) is { } onType) return onType;
        }

        // An override of a method that a [Traced] base type covers is covered too.
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (!Has(overridden.ContainingType, NotTracedAttributeName) && Get(overridden.ContainingType, TracedAttributeName) is { } onBaseType) return onBaseType;
        }

        var onAssembly = Get(method.ContainingAssembly, TracedAttributeName);
        return onAssembly is not null && TypePattern.Matches(NamedArgument(onAssembly, "Pattern") as string, method.ContainingType) ? onAssembly : null;
    }

    /// <summary>
    /// Whether <paramref name="traced"/> (from <see cref="FindTraced(IMethodSymbol)"/>) is the
    /// assembly's own <c>[assembly: Traced]</c>: the method was not chosen one by one, so a call the
    /// generator cannot trace is reported as a message, not a warning (see <see cref="Model.DiagnosticInfo.AssemblyWide"/>).
    /// </summary>
    public static bool IsAssemblyWide(IMethodSymbol method, AttributeData traced) =>
        method.ContainingAssembly is { } assembly && assembly.GetAttributes().Contains(traced);

    /// <summary>Whether the method itself says <c>[NotTraced]</c>.</summary>
    public static bool IsMarkedNotTraced(IMethodSymbol method) => Has(Definition(method), NotTracedAttributeName);

    public static IMethodSymbol Definition(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    // Roslyn 5 (C# 14) API, read by reflection: this generator builds against 4.14, where it does not exist.
    private static readonly System.Reflection.PropertyInfo? ExtensionImplementation =
        typeof(IMethodSymbol).GetProperty("AssociatedExtensionImplementation");

    /// <summary>
    /// Whether <paramref name="method"/> is the static method the compiler emits for a member of a C# 14
    /// <c>extension</c> block (implicitly declared, in the block's class): calls are intercepted as calls of it,
    /// so a <c>[Traced]</c> class covers it as it covers the class's own methods.
    /// </summary>
    private static bool IsExtensionImplementation(IMethodSymbol method)
    {
        if (ExtensionImplementation is null || method.ContainingType is not { } type) return false;
        foreach (var block in type.GetTypeMembers())
        {
            if (block.TypeKind.ToString() != "Extension") continue; // TypeKind.Extension: Roslyn 5, not in the 4.14 API built against
            foreach (var member in block.GetMembers(method.Name))
            {
                // The implementation of a generic block's member comes back constructed over the block's type parameters.
                if (member is IMethodSymbol declared && SymbolEqualityComparer.Default.Equals(ImplementationOf(declared).OriginalDefinition, method)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For a member of a C# 14 <c>extension</c> block, the static method the compiler emits for it
    /// (<c>E.M(this T receiver, ...)</c>), which generated code can name, call and intercept with;
    /// for any other method, the method itself.
    /// </summary>
    public static IMethodSymbol ImplementationOf(IMethodSymbol method) =>
        ExtensionImplementation?.GetValue(method) as IMethodSymbol ?? method;

    public static AttributeData? Get(ISymbol symbol, string attributeName) => Find(symbol.GetAttributes(), attributeName);

    /// <summary>
    /// The attribute of the given full name, compared part by part: this runs for every traced call,
    /// and formatting each attribute's name as text would dominate the generator's time.
    /// </summary>
    public static AttributeData? Find(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, string fullName)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is { } type && IsNamed(type, fullName)) return attribute;
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is the top-level type <paramref name="fullName"/> (namespace-qualified), without allocating.</summary>
    public static bool IsNamed(INamedTypeSymbol type, string fullName)
    {
        if (type.ContainingType is not null || !fullName.EndsWith(type.Name, StringComparison.Ordinal)) return false;
        var end = fullName.Length - type.Name.Length;
        if (end == 0) return type.ContainingNamespace is null or { IsGlobalNamespace: true };
        if (fullName[end - 1] != '.') return false;
        end--;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            var start = end - ns.Name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, ns.Name, 0, ns.Name.Length) != 0) return false;
            if (start == 0) return ns.ContainingNamespace is null or { IsGlobalNamespace: true };
            if (fullName[start - 1] != '.') return false;
            end = start - 1;
        }

        return false;
    }

    public static object? NamedArgument(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

    private static bool Has(ISymbol symbol, string attributeName) => Get(symbol, attributeName) is not null;

    /// <summary>An attribute on an interface member (or its interface type) this method implements.</summary>
    private static AttributeData? FromInterfaces(IMethodSymbol method, out bool onMethod) =>
        method.ContainingType is null ? NoAttribute(out onMethod) : FromInterfacesOf(method.ContainingType, method, out onMethod, out _);

    /// <summary>
    /// The <c>[Traced]</c> of an interface member that <paramref name="type"/> implements with
    /// <paramref name="method"/> (its own, or one it inherits: <c>class D : Base, IRun</c> where
    /// <c>Base.Run</c> implements <c>IRun.Run</c> for D alone); <paramref name="member"/> is that member.
    /// </summary>
    public static AttributeData? FromInterfacesOf(INamedTypeSymbol type, IMethodSymbol method, out bool onMethod, out IMethodSymbol? member)
    {
        onMethod = true;
        foreach (var iface in type.AllInterfaces)
        {
            foreach (var candidate in iface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                member = candidate;
                var implementation = type.FindImplementationForInterfaceMember(candidate);
                if (!SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, method)) continue;
                if (Has(candidate, NotTracedAttributeName)) continue;
                if (Get(candidate, TracedAttributeName) is { } onMember) return onMember;
                if (IsOrdinary(candidate) && !Has(iface, NotTracedAttributeName) && Get(iface, TracedAttributeName) is { } onInterface)
                {
                    onMethod = false;
                    return onInterface;
                }
            }
        }

        member = null;
        return null;
    }

    private static AttributeData? NoAttribute(out bool onMethod)
    {
        onMethod = true;
        return null;
    }

    /// <summary>Not an accessor, operator, constructor, object override or compiler-generated member.</summary>
    private static bool IsOrdinary(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary
        && (!method.IsImplicitlyDeclared || IsExtensionImplementation(method))
        && method.Name is not ("ToString" or "Equals" or "GetHashCode" or "Deconstruct" or "<Clone>$" or "PrintMembers")
        && Find(method.GetAttributes(), "System.Runtime.CompilerServices.CompilerGeneratedAttribute") is null;
}
