using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;

namespace Instrumentation.Generator.Diagnostics;

/// <summary>
/// The diagnostics of the whole project: those the parsers attached to their models, and the rules that need
/// every model at once (TRC008 hosting, TRC017 the renamed DI extension, TRC006 a traced method nothing calls).
/// </summary>
internal static class ProjectDiagnostics
{
    public static IEnumerable<DiagnosticInfo> Of(Collected c)
    {
        // Tracing.Block works without interception, so a project that only uses blocks hears nothing.
        var anythingTraced = c.Calls.Any(r => r.Block is null) || c.Declarations.Count > 0;
        if (c.Settings.CannotHostReason is not null)
        {
            if (anythingTraced) yield return DiagnosticInfo.Create(DiagnosticDescriptors.CannotHost, null, c.Settings.CannotHostReason);
            yield break;
        }

        foreach (var d in c.Calls.Where(r => r.Diagnostic is not null).Select(r => r.Diagnostic!)) yield return d;
        foreach (var d in c.MethodGroups) yield return d;
        foreach (var d in c.Declarations.SelectMany(d => d.Diagnostics)) yield return d;
        foreach (var d in c.Decorators.Where(d => d.Problem is not null)) yield return d.Problem!;
        if (RenamedDecoratorExtension(c) is { } renamed) yield return renamed;
        foreach (var d in NoCallSites(c)) yield return d;
    }

    /// <summary>TRC017: a referenced assembly's AddTracedDecorators is visible, so this one's is renamed (only when it is generated: a non-generic decorator).</summary>
    private static DiagnosticInfo? RenamedDecoratorExtension(Collected c) =>
        c.Settings.DependencyInjection && c.Settings.ReferencedDecoratorExtensions is { } referenced && c.Decorators.Any(d => d.Problem is null && d.TypeParameters.Count == 0)
            ? DiagnosticInfo.Create(DiagnosticDescriptors.RenamedDecoratorExtension, null, referenced, c.Settings.DecoratorExtensionName)
            : null;

    /// <summary>TRC006: a traced method declared here with no intercepted call (its own, or one of a member it overrides or implements).</summary>
    private static IEnumerable<DiagnosticInfo> NoCallSites(Collected c)
    {
        var called = new HashSet<string>(c.Calls.Where(r => r.Call is not null).SelectMany(r => r.Call!.TracedVia.Append(r.Call!.Target.Key)));
        return c.Declarations.SelectMany(d => d.Methods).Where(m => !called.Contains(m.Key)).Select(m => m.NoCallSites);
    }
}
