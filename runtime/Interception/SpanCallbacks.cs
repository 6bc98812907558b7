using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Instrumentation;

/// <summary>
/// Starts and ends traced spans so that traced calls made from inside an <see cref="ActivityListener"/>'s
/// callbacks for them (a logging listener's helper, say, traced by <c>[assembly: Traced]</c>) get no span:
/// each such span would start or end the listener again, without end, and the process would die of a
/// stack overflow. While one of our spans starts or ends on a thread, the traced calls that thread
/// makes run untraced. Two thread-static counters; nothing at all when nobody listens to the source.
/// </summary>
internal static class SpanCallbacks
{
    /// <summary>Starts of ours running on this thread (a counter: a start can run inside another's callback).</summary>
    [ThreadStatic]
    private static int starting;

    /// <summary>Ends of ours running their stop callbacks on this thread, or left counted by a callback that threw.</summary>
    [ThreadStatic]
    private static int stopping;

    /// <summary>The span, or null when nobody listens, the sampler says no, or a listener's callback of one of ours is running on this thread.</summary>
    public static Activity? Start(ActivitySource source, string name, ActivityKind kind, ActivityContext parent = default)
    {
        if (!source.HasListeners() || InCallback()) return null;
        starting++;
        try
        {
            return source.StartActivity(name, kind, parent);
        }
        finally
        {
            starting--;
        }
    }

    /// <summary>As <see cref="Start"/> for <paramref name="start"/>, a start of another shape (a debug root).</summary>
    public static Activity? Start<TState>(TState state, Func<TState, Activity?> start)
    {
        if (InCallback()) return null;
        starting++;
        try
        {
            return start(state);
        }
        finally
        {
            starting--;
        }
    }

    /// <summary>
    /// Ends <paramref name="span"/>, its listeners' stop callbacks running untraced. No try/finally (it
    /// costs every traced call): a callback that throws leaves the count behind, and <see cref="InCallback"/>
    /// drops it once the current activity is no longer a stopped one, as it is while stop callbacks run.
    /// </summary>
    public static void End(Activity span)
    {
        stopping++;
        span.Dispose();
        stopping--;
    }

    /// <summary>Whether a start or a stop callback of ours is running on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InCallback() => (starting | stopping) != 0 && Confirmed();

    private static bool Confirmed()
    {
        if (starting != 0) return true;
        // Activity.Stop calls the listeners before it restores the current activity.
        if (Activity.Current is { IsStopped: true }) return true;
        stopping = 0; // left behind by a stop callback that threw
        return false;
    }
}
