using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>The last N trace ids added, oldest forgotten first. Not thread-safe: the caller locks.</summary>
internal sealed class RecentTraceIds(int capacity)
{
    private readonly HashSet<ActivityTraceId> set = [];
    private readonly Queue<ActivityTraceId> order = new();

    public void Add(ActivityTraceId traceId)
    {
        if (!set.Add(traceId)) return;
        order.Enqueue(traceId);
        if (order.Count > capacity) set.Remove(order.Dequeue());
    }

    public bool Contains(ActivityTraceId traceId) => set.Contains(traceId);
}
