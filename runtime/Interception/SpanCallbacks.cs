using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Instrumentation;

/// <summary>
/// Starts and ends traced spans so that traced calls made from inside an <see cref="ActivityListener"/>'s
/// callbacks for them (a logging listener's helper, say, traced by <c>[assembly: Traced]</c>) get no span:
/// each such span would start or end the listener again, without end, and the process would die of a
/// stack overflow. While one of our spans starts or ends on a thread, the traced calls that thread
/// makes run untraced. One thread-static object per thread (a single thread-local read per start or
/// end); nothing at all when nobody listens to the source.
/// </summary>
internal sealed class SpanCallbacks
{
    [ThreadStatic]
    private static SpanCallbacks? onThread;

    /// <summary>Starts of ours running on this thread (a counter: a start can run inside another's callback).</summary>
    private int starting;

    /// <summary>The span of ours whose stop callbacks run on this thread, or one left by a callback that threw.</summary>
    private Activity? ending;

    /// <summary>This thread's state.</summary>
    public static SpanCallbacks Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => onThread ?? Create();
    }

    private static SpanCallbacks Create() => onThread = new SpanCallbacks();

    /// <summary>The span, or null when nobody listens, the sampler says no, or a listener's callback of one of ours is running on this thread.</summary>
    public static Activity? Start(ActivitySource source, string name, ActivityKind kind, ActivityContext parent = default)
    {
        if (!source.HasListeners()) return null;
        var callbacks = Current;
        if (callbacks.InCallback()) return null;
        callbacks.starting++;
        try
        {
            return source.StartActivity(name, kind, parent);
        }
        finally
        {
            callbacks.starting--;
        }
    }

    /// <summary>As <see cref="Start"/> for <paramref name="start"/>, a start of another shape (a debug root).</summary>
    public static Activity? Start<TState>(TState state, Func<TState, Activity?> start)
    {
        var callbacks = Current;
        if (callbacks.InCallback()) return null;
        callbacks.starting++;
        try
        {
            return start(state);
        }
        finally
        {
            callbacks.starting--;
        }
    }

    /// <summary>
    /// Ends <paramref name="span"/>, its listeners' stop callbacks running untraced. No try/finally (it
    /// costs every traced call): a callback that throws leaves the span behind, and <see cref="InCallback"/>
    /// forgets it once it is no longer the current activity, as it stays while its callbacks run.
    /// </summary>
    public static void End(Activity span)
    {
        var callbacks = Current;
        var outer = callbacks.ending;
        callbacks.ending = span;
        span.Dispose();
        callbacks.ending = outer;
    }

    /// <summary>Whether a start or a stop callback of ours is running on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool InCallback() => (starting != 0 || ending is not null) && Stopping();

    /// <summary>Counts a start of ours about to run its listeners' callbacks (paired with <see cref="Started"/> in a finally).</summary>
    public void Starting() => starting++;

    /// <summary>Uncounts it: the start's listeners have run.</summary>
    public void Started() => starting--;

    private bool Stopping()
    {
        if (starting != 0) return true;
        // Activity.Stop calls the listeners before it restores the current activity.
        if (ReferenceEquals(Activity.Current, ending)) return true;
        ending = null; // left behind by a stop callback that threw
        return false;
    }
}
