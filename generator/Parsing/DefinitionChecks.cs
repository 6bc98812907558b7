using System.Collections.Concurrent;
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

    private static DefinitionChecks Create(IMethodSymbol definition, Compilation compilation)
    {
        var traced = TracedSymbols.FindTraced(definition, out var onMethod);
        if (traced is null) return NotTraced;
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
            CallSiteParser.TracedVia(definition));
    }
}
