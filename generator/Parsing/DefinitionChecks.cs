using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// What every call site of one traced method shares about it: whether generated code can reach it
/// (directly or through <c>[UnsafeAccessor]</c>) and whether its signature has error types. Asked
/// once per method definition and compilation (symbols belong to one compilation), not per call.
/// </summary>
internal sealed class DefinitionChecks
{
    private static readonly ConditionalWeakTable<IMethodSymbol, DefinitionChecks> Cache = new();

    private DefinitionChecks(string? inaccessible, bool canUseAccessor, bool hasErrorType)
    {
        Inaccessible = inaccessible;
        CanUseAccessor = canUseAccessor;
        HasErrorType = hasErrorType;
    }

    /// <summary>The first thing generated code cannot reach (TRC005's subject), or null.</summary>
    public string? Inaccessible { get; }

    public bool CanUseAccessor { get; }

    public bool HasErrorType { get; }

    public static DefinitionChecks Of(IMethodSymbol called, Compilation compilation) =>
        Cache.GetValue(TracedSymbols.Definition(called), definition =>
        {
            var inaccessible = Accessibility.FirstInaccessible(definition, compilation);
            return new DefinitionChecks(
                inaccessible,
                inaccessible is not null && Accessibility.CanUseAccessor(definition, compilation),
                CallSiteParser.HasErrorType(definition));
        });
}
