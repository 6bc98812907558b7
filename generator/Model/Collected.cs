namespace Instrumentation.Generator.Model;

/// <summary>Everything the per-node steps produced, with the project settings: what both outputs (source and diagnostics) start from.</summary>
internal sealed record Collected(
    EquatableArray<ParseResult> Calls,
    EquatableArray<DiagnosticInfo> MethodGroups,
    EquatableArray<DeclaredMethods> Declarations,
    EquatableArray<DecoratorModel> Decorators,
    GeneratorSettings Settings);
