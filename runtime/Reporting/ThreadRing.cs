using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Reporting;

/// <summary>
/// One app thread's small ring of finished spans in front of the shared queue: one producer (its
/// thread), one consumer (the reporter). An enqueue is a few plain stores on memory only this
/// thread writes, so it needs no interlocked operation, shares no cache line with other threads'
/// enqueues, and reuses the same few kilobytes instead of walking a 16 MiB ring.
/// </summary>
internal sealed class ThreadRing
{
    public const int Capacity = 1024;
    private const int Mask = Capacity - 1;

    private readonly Activity?[] slots = new Activity?[Capacity];
    private long tail;       // written by the producer only
    private long headSeen;   // the producer's last look at head
    private long head;       // written by the consumer only

    /// <summary>1 while the producer is between its check of the seal and its publication (see <see cref="ThreadRings.Seal"/>).</summary>
    public int Busy;

    public ThreadRing(Thread owner) => Owner = owner;

    /// <summary>The producing thread: a ring whose thread has ended is dropped once empty.</summary>
    public Thread Owner { get; }

    /// <summary>Spans ever published (read by any thread for the counters).</summary>
    public long Enqueued => Volatile.Read(ref tail);

    /// <summary>Producer only: adds <paramref name="span"/> and returns its position, or -1 when full.</summary>
    public long TryEnqueue(Activity span)
    {
        var position = tail;
        if (position - headSeen >= Capacity)
        {
            headSeen = Volatile.Read(ref head);
            if (position - headSeen >= Capacity) return -1;
        }

        slots[position & Mask] = span;
        Volatile.Write(ref tail, position + 1);
        return position;
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out Activity? span)
    {
        var position = head;
        if (position == Volatile.Read(ref tail))
        {
            span = null;
            return false;
        }

        span = slots[position & Mask];
        slots[position & Mask] = null;
        Volatile.Write(ref head, position + 1);
        return true;
    }

    public bool IsEmpty => Volatile.Read(ref head) == Volatile.Read(ref tail);
}
