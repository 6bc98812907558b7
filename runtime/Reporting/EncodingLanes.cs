using System;
using System.Diagnostics;

namespace Instrumentation.Reporting;

/// <summary>
/// The <see cref="EncodingLane"/>s of one reporter, one per stripe of threads (by managed thread id,
/// twice as many stripes as cores): a fixed set, so no per-thread state outlives a thread and the
/// reporter can find every lane's spans at flush and close. A lane holds at most as many spans as
/// the queue, and all lanes together at most <see cref="TotalBytes"/> (each lane has two buffers,
/// one filling and one the reporter empties, that may each grow to twice their share: 4 x 32 MiB in
/// the worst case, and only for lanes whose threads fell behind), plus a 16-byte index entry per span.
/// A lane gives that back at the first flush that finds it unused since the flush before.
/// </summary>
internal sealed class EncodingLanes
{
    /// <summary>The bytes all lanes may fill before their threads fall back to the queue: about 200,000 small spans.</summary>
    public const int TotalBytes = 32 << 20;

    /// <summary>More cores share lanes (a thread that finds its lane taken queues its span instead).</summary>
    private const int MaxStripes = 64;

    private readonly EncodingLane[] lanes;
    private readonly int mask;

    /// <param name="queueCapacity">The span queue's size: a lane holds no more spans.</param>
    /// <param name="create">Makes a lane that holds the given bytes and spans.</param>
    public EncodingLanes(int queueCapacity, Func<int, int, EncodingLane> create)
    {
        var stripes = 1;
        while (stripes < Environment.ProcessorCount * 2 && stripes < MaxStripes) stripes <<= 1;
        mask = stripes - 1;
        lanes = new EncodingLane[stripes];
        var share = TotalBytes / stripes;
        for (var i = 0; i < stripes; i++) lanes[i] = create(share, queueCapacity);
    }

    public int Count => lanes.Length;

    public EncodingLane this[int index] => lanes[index];

    public EncodeResult TryEncode(Activity span) => lanes[Environment.CurrentManagedThreadId & mask].TryEncode(span);

    /// <summary>Reporter thread, at each flush: lanes unused since the flush before give back what a burst grew.</summary>
    public void TrimIdle()
    {
        foreach (var lane in lanes) lane.TrimIfIdle();
    }

    /// <summary>Spans the lanes accepted, ever.</summary>
    public long Accepted
    {
        get
        {
            long sum = 0;
            foreach (var lane in lanes) sum += lane.Accepted;
            return sum;
        }
    }

    /// <summary>Forgets the spans the lanes hold (a closed tracer's, not to be sent); returns how many.</summary>
    public long Discard()
    {
        long discarded = 0;
        foreach (var lane in lanes)
        {
            if (lane.Take() is not { } spans) continue;
            discarded += spans.Count;
            lane.Return(spans);
        }

        return discarded;
    }

    /// <summary>Seals every lane; returns how many spans they accepted before.</summary>
    public long Seal()
    {
        long sum = 0;
        foreach (var lane in lanes) sum += lane.Seal();
        return sum;
    }
}
