using System.Diagnostics;

namespace Instrumentation.Reporting;

/// <summary>
/// The reporter's queue in two tiers: a small ring that stays in the CPU's cache, in front of the
/// large one of <c>MaxQueueSize</c> slots, which is only touched when the small one is full (the
/// reporter is behind). Measured in the benchmarks' <c>overhead 30 parts</c> mode, with a consumer
/// that keeps up: enqueueing into a 2^20-slot ring cost the app thread 22-25 ns a span more than a
/// 4,096-slot one (each slot's cache line came from memory), and more GC time (a gen0 collection
/// scans the cards of every slot written since the last one). Order between the tiers does not matter.
/// </summary>
internal sealed class TieredSpanQueue
{
    /// <summary>The small ring's slots: 128 KiB, within any core's L2 cache.</summary>
    public const int HotSlots = 8192;

    /// <summary>What <see cref="TryEnqueue"/> returns for a span the large ring took.</summary>
    public const long InOverflow = -2;

    private readonly SpanQueue hot;
    private readonly SpanQueue? overflow; // none when MaxQueueSize fits the small ring
    private long hotEnd;
    private long overflowEnd;

    public TieredSpanQueue(int maxQueueSize)
    {
        if (maxQueueSize <= HotSlots)
        {
            hot = new SpanQueue(maxQueueSize);
            return;
        }

        hot = new SpanQueue(HotSlots);
        overflow = new SpanQueue(maxQueueSize);
    }

    /// <summary>The small ring's size, which sets how often producers wake the reporter.</summary>
    public int HotCapacity => hot.Capacity;

    /// <summary>The large ring's size (or the only ring's).</summary>
    public int Capacity => overflow?.Capacity ?? hot.Capacity;

    /// <summary>Spans ever enqueued in either tier.</summary>
    public long Enqueued => hot.Enqueued + (overflow?.Enqueued ?? 0);

    /// <summary>The span's position in the small ring; <see cref="InOverflow"/>; or -1 when both are full (or sealed).</summary>
    public long TryEnqueue(Activity span)
    {
        var position = hot.TryEnqueue(span);
        if (position >= 0 || overflow is null) return position;
        return overflow.TryEnqueue(span) >= 0 ? InOverflow : -1;
    }

    /// <inheritdoc cref="SpanQueue.WaitingAt"/>
    public long WaitingAt(long hotPosition) => hot.WaitingAt(hotPosition);

    /// <summary>The large ring first: it is only refilled while the small one is full, so neither waits forever.</summary>
    public bool TryDequeue(out Activity? span)
    {
        if (overflow is not null && overflow.TryDequeue(out span)) return true;
        return hot.TryDequeue(out span);
    }

    /// <summary>Makes every later enqueue fail; returns how many spans both tiers accepted before.</summary>
    public long Seal()
    {
        hotEnd = hot.Seal();
        overflowEnd = overflow?.Seal() ?? 0;
        return hotEnd + overflowEnd;
    }

    /// <summary>After <see cref="Seal"/>: removes every span accepted before it (waiting for producers still publishing); returns how many.</summary>
    public long DrainSealed() => hot.DrainSealed(hotEnd) + (overflow?.DrainSealed(overflowEnd) ?? 0);
}
