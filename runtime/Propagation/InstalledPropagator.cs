using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>
/// Makes a propagator <see cref="DistributedContextPropagator.Current"/> for a tracer's lifetime.
/// Tracers may be disposed in any order, so the installed ones are kept in start order: on
/// <see cref="Restore"/> the current propagator becomes the newest one still running, or, when none
/// is left, the one that was current before the first of them, unless someone else has replaced
/// ours since (then theirs stays).
/// </summary>
internal sealed class InstalledPropagator
{
    private static readonly object Gate = new();
    private static readonly List<InstalledPropagator> Running = [];
    private static DistributedContextPropagator? beforeFirst;

    private readonly DistributedContextPropagator installed;

    public InstalledPropagator(DistributedContextPropagator propagator)
    {
        installed = propagator;
        lock (Gate)
        {
            if (Running.Count == 0 || !IsOurs(DistributedContextPropagator.Current)) beforeFirst = DistributedContextPropagator.Current;
            Running.Add(this);
            DistributedContextPropagator.Current = propagator;
        }
    }

    public void Restore()
    {
        lock (Gate)
        {
            var current = DistributedContextPropagator.Current;
            var ours = IsOurs(current);
            if (!Running.Remove(this)) return;
            if (!ours) return;
            DistributedContextPropagator.Current = Running.Count > 0 ? Running[Running.Count - 1].installed : beforeFirst!;
            if (Running.Count == 0) beforeFirst = null;
        }
    }

    private static bool IsOurs(DistributedContextPropagator propagator)
    {
        foreach (var running in Running)
        {
            if (ReferenceEquals(running.installed, propagator)) return true;
        }

        return false;
    }
}
