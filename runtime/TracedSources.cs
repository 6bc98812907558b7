using System.Collections.Concurrent;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// The activity sources of <c>[Traced]</c> code. Generated code creates its source here (one per
/// assembly), which marks it so that a started tracer listens to it without being told its name.
/// </summary>
public static class TracedSources
{
    private static readonly ConcurrentDictionary<string, byte> Names = new();

    /// <summary>Creates an <see cref="ActivitySource"/> that every started tracer listens to.</summary>
    public static ActivitySource Create(string name, string? version = null)
    {
        // Registered before construction: the ActivitySource constructor asks the existing
        // listeners whether they want it, and they must already find its name here.
        Names.TryAdd(name, 0);
        return new ActivitySource(name, version);
    }

    private static readonly System.Collections.Generic.Dictionary<string, ActivitySource> Assemblies = new();

    /// <summary>
    /// The activity source of an assembly's generated code: one per assembly name, shared by every
    /// generated file (interceptors, decorators), created on first use and never disposed.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static ActivitySource ForAssembly(string assemblyName)
    {
        // A lock, not GetOrAdd: two generated classes initializing at once must not make two sources.
        lock (Assemblies)
        {
            if (!Assemblies.TryGetValue(assemblyName, out var source)) Assemblies[assemblyName] = source = Create(assemblyName);
            return source;
        }
    }

    /// <summary>Whether <paramref name="source"/> was created by <see cref="Create"/>.</summary>
    public static bool IsTraced(ActivitySource source) => Names.ContainsKey(source.Name);
}
