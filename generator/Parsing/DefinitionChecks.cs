using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// What every call site of one method shares about it: the <c>[Traced]</c> that applies to it (its
/// own, or its base's, interface's, type's or assembly's), whether generated code can reach it
/// (directly or through <c>[UnsafeAccessor]</c>), whether its signature has error types or a shape
/// no interceptor can express, the members whose [Traced] it may carry, and the model its
/// interceptor is emitted from. Asked once per method definition and compilation, not per call:
/// per call, these were a third of the generator's time in a cold compiler (10,000 calls of 2,000 methods).
/// </summary>
internal sealed class DefinitionChecks
{
    // Per compilation: a referenced assembly's symbols are shared by the compilations that reference it
    // (compiler server, IDE), but what they can reach depends on the compilation (InternalsVisibleTo).
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, DefinitionChecks>> Cache = new();

    private TargetMethod? target;

    private static readonly DefinitionChecks NotTraced = new(null, false, false, null, false, false, null, default);

    private DefinitionChecks(AttributeData? traced, bool tracedOnMethod, bool assemblyWide, string? inaccessible, bool canUseAccessor, bool hasErrorType, string? unsupportedShape, EquatableArray<string> tracedVia)
    {
        Traced = traced;
        TracedOnMethod = tracedOnMethod;
        AssemblyWide = assemblyWide;
        UnsupportedShape = unsupportedShape;
        TracedVia = tracedVia;
        Inaccessible = inaccessible;
        CanUseAccessor = canUseAccessor;
        HasErrorType = hasErrorType;
    }

    /// <summary>The <c>[Traced]</c> that applies, or null (then nothing else here is computed).</summary>
    public AttributeData? Traced { get; }

    /// <summary>Whether that attribute sits on a method (so its name applies).</summary>
    public bool TracedOnMethod { get; }

    /// <summary>Whether that attribute is <c>[assembly: Traced]</c> (calls it cannot trace are reported as messages).</summary>
    public bool AssemblyWide { get; }

    /// <summary>Why no interceptor signature can express the method (TRC011's reason), or null.</summary>
    public string? UnsupportedShape { get; }

    /// <summary>The first thing generated code cannot reach (TRC005's subject), or null.</summary>
    public string? Inaccessible { get; }

    public bool CanUseAccessor { get; }

    public bool HasErrorType { get; }

    /// <summary>The overridden and implemented members whose <c>[Traced]</c> a call of this method may carry.</summary>
    public EquatableArray<string> TracedVia { get; }

    /// <summary>
    /// The interceptor's model (for a reachable, supported, traced method: generated code calls it
    /// directly, or through [UnsafeAccessor] when it is not reachable). Built by the first call site;
    /// two racing ones build equal models.
    /// </summary>
    public TargetMethod Target(IMethodSymbol called, Compilation compilation) =>
        target ??= TargetMethodBuilder.Build(called, Traced!, TracedOnMethod, compilation, viaAccessor: Inaccessible is not null);

    public static DefinitionChecks Of(IMethodSymbol called, Compilation compilation) =>
        Cache.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, DefinitionChecks>(SymbolEqualityComparer.Default))
            .GetOrAdd(TracedSymbols.Definition(called), definition => Create(definition, compilation));

    // Per compilation, as above: calls of untraced methods on types that implement a [Traced] interface member with them.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(IMethodSymbol, INamedTypeSymbol), DefinitionChecks>> ThroughTypes = new();

    /// <summary>
    /// For an instance method that <see cref="Of(IMethodSymbol, Compilation)"/> found untraced, called on
    /// a receiver of static type <paramref name="receiver"/>: a method that the receiver's type uses to
    /// implement a <c>[Traced]</c> interface member (<c>class D : Base, IRun</c> with <c>Base.Run</c>
    /// public) is traced in calls on that type, as calls through the interface are; calls on
    /// <c>Base</c> itself are not.
    /// </summary>
    public static DefinitionChecks Through(IMethodSymbol called, ITypeSymbol? receiver, Compilation compilation)
    {
        if (receiver is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type) return NotTraced;
        var definition = TracedSymbols.Definition(called);
        var through = type.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(through, definition.ContainingType)) return NotTraced;
        return ThroughTypes.GetValue(compilation, _ => new ConcurrentDictionary<(IMethodSymbol, INamedTypeSymbol), DefinitionChecks>(new MethodAndTypeComparer()))
            .GetOrAdd((definition, through), key => CreateThrough(key.Item1, key.Item2, compilation));
    }

    private static DefinitionChecks CreateThrough(IMethodSymbol definition, INamedTypeSymbol through, Compilation compilation)
    {
        var traced = TracedSymbols.FromInterfacesOf(through, definition, out var onMethod, out var member);
        if (traced is null || TracedSymbols.IsMarkedNotTraced(definition)) return NotTraced;
        return Create(definition, compilation, traced, onMethod, member!.OriginalDefinition.GetDocumentationCommentId());
    }

    private sealed class MethodAndTypeComparer : System.Collections.Generic.IEqualityComparer<(IMethodSymbol Method, INamedTypeSymbol Type)>
    {
        public bool Equals((IMethodSymbol Method, INamedTypeSymbol Type) x, (IMethodSymbol Method, INamedTypeSymbol Type) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((IMethodSymbol Method, INamedTypeSymbol Type) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31) ^ SymbolEqualityComparer.Default.GetHashCode(key.Type);
    }

    private static DefinitionChecks Create(IMethodSymbol definition, Compilation compilation)
    {
        var traced = TracedSymbols.FindTraced(definition, out var onMethod);
        return traced is null ? NotTraced : Create(definition, compilation, traced, onMethod, implemented: null);
    }

    /// <param name="implemented">The key of an interface member the call's receiver implements with this method, which the call counts as calling.</param>
    private static DefinitionChecks Create(IMethodSymbol definition, Compilation compilation, AttributeData traced, bool onMethod, string? implemented)
    {
        var inaccessible = Reachability.FirstInaccessible(definition, compilation);
        return new DefinitionChecks(
            traced,
            onMethod,
            TracedSymbols.IsAssemblyWide(definition, traced),
            inaccessible,
            inaccessible is not null && Reachability.CanUseAccessor(definition, compilation),
            CallSiteParser.HasErrorType(definition),
            InterceptableShape.UnsupportedShape(definition) ?? InterceptableShape.ParameterHidesTypeParameter(definition) ?? CallSiteParser.RequiredModifier(definition)
                ?? ExternAliases.FirstAliasedType(definition, compilation),
            implemented is null ? CallSiteParser.TracedVia(definition) : CallSiteParser.TracedVia(definition).Append(implemented).ToEquatableArray());
    }
}
