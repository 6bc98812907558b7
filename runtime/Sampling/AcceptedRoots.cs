using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Sampling;

/// <summary>
/// The traces a stateful sampler accepted, for <see cref="ISampler.Sampled"/>: every root still
/// running (looked up without a lock), and the last 4,096 that ended, for children that end after
/// their root (fire-and-forget work). At most 65,536 running roots are remembered; a root started
/// beyond that (roots that never end) is not recognized as this sampler's when its spans end.
/// </summary>
internal sealed class AcceptedRoots
{
    private const int MaxRunning = 1 << 16;
    private const int RecentlyEnded = 4096;

    private readonly ConcurrentDictionary<ActivityTraceId, byte> running = new();
    private readonly RecentTraceIds ended = new(RecentlyEnded);
    private int runningCount;

    public void Accepted(ActivityTraceId traceId)
    {
        if (Volatile.Read(ref runningCount) >= MaxRunning) return;
        if (running.TryAdd(traceId, 0)) Interlocked.Increment(ref runningCount);
    }

    public bool Contains(ActivityTraceId traceId)
    {
        if (running.ContainsKey(traceId)) return true;
        lock (ended) return ended.Contains(traceId);
    }

    public void RootEnded(ActivityTraceId traceId)
    {
        if (!running.TryRemove(traceId, out _)) return;
        Interlocked.Decrement(ref runningCount);
        lock (ended) ended.Add(traceId);
    }
}
