namespace Instrumentation.Generator.Model;

/// <summary>A traced method declared in source, with the info diagnostic to report if nothing calls it.</summary>
internal sealed record DeclaredMethod(string Key, DiagnosticInfo NoCallSites);

/// <summary>What one <c>[Traced]</c> declaration contributes: its methods and declaration-level diagnostics.</summary>
internal sealed record DeclaredMethods(EquatableArray<DeclaredMethod> Methods, EquatableArray<DiagnosticInfo> Diagnostics);
