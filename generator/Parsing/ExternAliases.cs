using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Instrumentation.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// Types of an assembly referenced only under an extern alias (<c>&lt;Reference Aliases="v1" /&gt;</c>,
/// without <c>global</c>) cannot be named <c>global::...</c>, as generated code names every type
/// (CS0400). Methods whose wrappers would name one are reported (TRC011, TRC016) instead.
/// </summary>
internal static class ExternAliases
{
    // Almost every compilation has no such reference: then the answer is one empty-set check.
    private static readonly ConditionalWeakTable<Compilation, Dictionary<IAssemblySymbol, string>> Aliased = new();

    /// <summary>
    /// The first type the method's wrapper would name that only an extern alias reaches, described for
    /// TRC011 ("type 'X' comes from ... 'v1'"), or null. Looks at the containing types, the signature and
    /// the constraints, which an interceptor repeats.
    /// </summary>
    public static string? FirstAliasedType(IMethodSymbol method, Compilation compilation)
    {
        var aliased = AliasedAssemblies(compilation);
        if (aliased.Count == 0) return null;
        var types = method.Parameters.Select(p => p.Type).Append(method.ReturnType).Append(method.ContainingType)
            .Concat(method.TypeParameters.SelectMany(t => t.ConstraintTypes));
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            types = types.Concat(type.TypeParameters.SelectMany(t => t.ConstraintTypes));
        }

        return FirstAliased(types, aliased);
    }

    /// <summary>As <see cref="FirstAliasedType(IMethodSymbol, Compilation)"/>, for any set of types (a decorator's).</summary>
    public static string? FirstAliasedType(IEnumerable<ITypeSymbol> types, Compilation compilation)
    {
        var aliased = AliasedAssemblies(compilation);
        return aliased.Count == 0 ? null : FirstAliased(types, aliased);
    }

    private static string? FirstAliased(IEnumerable<ITypeSymbol> types, Dictionary<IAssemblySymbol, string> aliased)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in types)
        {
            if (Find(type, aliased, seen) is { } found) return found;
        }

        return null;
    }

    private static string? Find(ITypeSymbol type, Dictionary<IAssemblySymbol, string> aliased, HashSet<ITypeSymbol> seen)
    {
        if (!seen.Add(type)) return null;
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Find(array.ElementType, aliased, seen);
            case INamedTypeSymbol named:
                if (named.ContainingAssembly is { } assembly && aliased.TryGetValue(assembly, out var alias))
                    return DiagnosticReasons.Shape.ExternAlias(named.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), assembly.Name, alias);
                foreach (var argument in named.TypeArguments)
                {
                    if (Find(argument, aliased, seen) is { } inArgument) return inArgument;
                }

                return named.ContainingType is { } outer ? Find(outer, aliased, seen) : null;
            default:
                return null;
        }
    }

    /// <summary>The referenced assemblies that only an alias other than <c>global</c> names, with that alias.</summary>
    private static Dictionary<IAssemblySymbol, string> AliasedAssemblies(Compilation compilation) => Aliased.GetValue(compilation, c =>
    {
        var aliased = new Dictionary<IAssemblySymbol, string>(SymbolEqualityComparer.Default);
        if (!c.References.Any(r => IsAliasedOnly(r.Properties.Aliases))) return aliased; // the usual case: no symbol looked up
        var global = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var reference in c.References)
        {
            if (c.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly) continue;
            var aliases = reference.Properties.Aliases;
            if (IsAliasedOnly(aliases)) aliased[assembly] = aliases[0];
            else global.Add(assembly);
        }

        foreach (var reachable in global) aliased.Remove(reachable); // referenced twice, once without an alias
        return aliased;
    });

    private static bool IsAliasedOnly(System.Collections.Immutable.ImmutableArray<string> aliases) =>
        !aliases.IsDefaultOrEmpty && !aliases.Contains(MetadataReferenceProperties.GlobalAlias);
}
