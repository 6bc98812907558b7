using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The names of methods that may be traced in a compilation (its own and its references'), so call
/// sites are filtered by name before the semantic model is asked anything. Built once per
/// compilation: its own names from syntax (<see cref="SourceTracedNames"/>, read once per tree), a
/// referenced assembly's from its symbols, once per assembly symbol.
/// </summary>
internal sealed class TracedNameIndex
{
    private static readonly ConditionalWeakTable<Compilation, TracedNameIndex> ByCompilation = new();
    private static readonly ConditionalWeakTable<IAssemblySymbol, TracedNameIndex> ByReference = new();

    private readonly HashSet<string> names = new();

    public static TracedNameIndex For(Compilation compilation) => ByCompilation.GetValue(compilation, Build);

    /// <summary>False means no method of that name can be traced, so the call needs no binding.</summary>
    public bool MayBeTraced(string methodName) => names.Contains(methodName) || methodName == "Block";

    private static TracedNameIndex Build(Compilation compilation)
    {
        var index = new TracedNameIndex();
        var tracedAttribute = compilation.GetTypeByMetadataName(TracedSymbols.TracedAttributeName);
        if (tracedAttribute is null) return index; // Instrumentation is not referenced: nothing is traced

        index.AddSource(compilation);
        foreach (var reference in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!reference.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == tracedAttribute.ContainingAssembly.Name))) continue;
            var referenced = ByReference.GetValue(reference, a =>
            {
                var i = new TracedNameIndex();
                i.Add(a);
                return i;
            });
            index.names.UnionWith(referenced.names);
        }

        return index;
    }

    /// <summary>
    /// Names in source: [Traced] (or an alias of it) on a method, on a type (every method in it), or on the assembly
    /// (every method declared in source). Under <c>[assembly: Traced]</c> the index still filters: letting every name
    /// through bound every call and every identifier (as a possible method group) of the project, 7 of ZString's 12 s build.
    /// </summary>
    private void AddSource(Compilation compilation)
    {
        var perTree = compilation.SyntaxTrees.Select(SourceTracedNames.Of).ToList();
        // Aliases of aliases too (an alias in a namespace may name one of the file's): until nothing is added.
        var attributeNames = new HashSet<string> { "Traced" };
        var aliases = perTree.SelectMany(t => t.Aliases).ToList();
        for (var added = true; added;)
        {
            added = false;
            foreach (var (alias, target) in aliases)
            {
                if (attributeNames.Contains(target) && attributeNames.Add(alias)) added = true;
            }
        }

        var tracedTypes = new HashSet<string>();
        foreach (var (attribute, on, name) in perTree.SelectMany(t => t.Attributes))
        {
            if (!attributeNames.Contains(attribute)) continue;
            switch (on)
            {
                case SourceTracedNames.Target.Assembly:
                    foreach (var (_, methods) in perTree.SelectMany(t => t.TypeMethods)) names.UnionWith(methods);
                    return;
                case SourceTracedNames.Target.Method:
                    names.Add(name);
                    break;
                default:
                    tracedTypes.Add(name);
                    break;
            }
        }

        if (tracedTypes.Count == 0) return;
        foreach (var (type, methods) in perTree.SelectMany(t => t.TypeMethods))
        {
            if (tracedTypes.Contains(type)) names.UnionWith(methods);
        }
    }

    private void Add(IAssemblySymbol assembly)
    {
        // [assembly: Traced] there: every ordinary method's name (the pattern is left to FindTraced).
        var everyMethod = TracedSymbols.Get(assembly, TracedSymbols.TracedAttributeName) is not null;
        AddNamespace(assembly.GlobalNamespace, everyMethod);
    }

    private void AddNamespace(INamespaceSymbol ns, bool everyMethod)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child) AddNamespace(child, everyMethod);
            else if (member is INamedTypeSymbol type) AddType(type, everyMethod);
        }
    }

    private void AddType(INamedTypeSymbol type, bool everyMethod)
    {
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (names.Contains(method.Name)) continue;
            if (everyMethod ? method.MethodKind == MethodKind.Ordinary : TracedSymbols.FindTraced(method) is not null) names.Add(method.Name);
        }

        foreach (var nested in type.GetTypeMembers()) AddType(nested, everyMethod);
    }
}
