using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace Instrumentation.Sampling;

/// <summary>
/// The traces a stateful sampler accepted, for <see cref="ISampler.Sampled"/>: every root still
/// running (looked up without a lock), and the last 4,096 that ended, for children that end after
/// their root (fire-and-forget work). At most 65,536 running roots are remembered. When that many
/// are running (roots the app never ends: an iterator never disposed, a leaked Activity), the older
/// half is forgotten, so new traces keep being recognized; a forgotten root that does end later is
/// not recognized as this sampler's.
/// </summary>
internal sealed class AcceptedRoots
{
    private const int MaxRunning = 1 << 16;
    private const int RecentlyEnded = 4096;

    private readonly ConcurrentDictionary<ActivityTraceId, long> running = new(); // when each was accepted
    private readonly RecentTraceIds ended = new(RecentlyEnded);
    private readonly object forgetting = new();
    private int runningCount;

    public void Accepted(ActivityTraceId traceId)
    {
        if (Volatile.Read(ref runningCount) >= MaxRunning) ForgetOlderHalf();
        if (running.TryAdd(traceId, Stopwatch.GetTimestamp())) Interlocked.Increment(ref runningCount);
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

    /// <summary>Once per 32,768 roots that never end, at most: a sort of 65,536 timestamps.</summary>
    private void ForgetOlderHalf()
    {
        lock (forgetting)
        {
            if (Volatile.Read(ref runningCount) < MaxRunning) return; // another thread just did
            var accepted = running.Select(entry => entry.Value).ToArray();
            Array.Sort(accepted);
            var cutoff = accepted[accepted.Length / 2];
            foreach (var entry in running)
            {
                if (entry.Value <= cutoff && running.TryRemove(entry.Key, out _)) Interlocked.Decrement(ref runningCount);
            }
        }
    }
}
