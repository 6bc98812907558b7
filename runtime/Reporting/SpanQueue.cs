using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Instrumentation.Reporting;

/// <summary>
/// A bounded lock-free queue of finished spans: many app threads enqueue, the reporter thread
/// dequeues (Vyukov's bounded queue, one consumer: the reporter thread, or Dispose once it has ended). Enqueue never blocks or allocates; when full
/// it fails and the caller counts the drop. Capacity is rounded up to a power of two.
/// </summary>
internal sealed class SpanQueue
{
    private const long SealOffset = 1L << 62;
    private readonly Slot[] slots;
    private readonly long mask;
    private PaddedLong tail; // next position to enqueue, shared by producers
    private PaddedLong head; // next position to dequeue, written by the one consumer at a time

    public SpanQueue(int minCapacity)
    {
        var capacity = 2;
        while (capacity < minCapacity) capacity <<= 1;
        slots = new Slot[capacity];
        for (var i = 0; i < capacity; i++) slots[i].Sequence = i;
        mask = capacity - 1;
    }

    public int Capacity => slots.Length;

    /// <summary>Spans ever enqueued (only successful enqueues move the tail; sealing adds a fixed offset).</summary>
    public long Enqueued
    {
        get
        {
            var position = Volatile.Read(ref tail.Value);
            return position >= SealOffset ? position - SealOffset : position;
        }
    }

    /// <summary>
    /// How many spans wait behind <paramref name="position"/> (a position <see cref="TryEnqueue"/>
    /// returned): it reads the consumer's cache line, so producers ask only now and then.
    /// </summary>
    public long WaitingAt(long position) => position - Volatile.Read(ref head.Value);

    /// <summary>Adds <paramref name="span"/>; returns its position, or -1 when the queue is full.</summary>
    public long TryEnqueue(Activity span)
    {
        var position = Volatile.Read(ref tail.Value);
        while (true)
        {
            ref var slot = ref slots[position & mask];
            var difference = Volatile.Read(ref slot.Sequence) - position;
            if (difference == 0)
            {
                var seen = Interlocked.CompareExchange(ref tail.Value, position + 1, position);
                if (seen == position)
                {
                    slot.Span = span;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return position;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                return -1;
            }
            else
            {
                position = Volatile.Read(ref tail.Value);
            }
        }
    }

    /// <summary>
    /// Makes every later <see cref="TryEnqueue"/> fail (its position lands far past any slot) and
    /// returns the end of the positions claimed before: spans a producer is still writing there
    /// are taken by <see cref="DrainSealed"/>.
    /// </summary>
    public long Seal() => Interlocked.Add(ref tail.Value, SealOffset) - SealOffset;

    /// <summary>After <see cref="Seal"/>: removes every span claimed before it, waiting for producers still publishing theirs; returns how many.</summary>
    public long DrainSealed(long end)
    {
        long drained = 0;
        var spin = new SpinWait();
        while (head.Value < end)
        {
            if (TryDequeue(out _)) drained++;
            else spin.SpinOnce();
        }

        return drained;
    }

    public bool TryDequeue(out Activity? span)
    {
        var position = head.Value;
        ref var slot = ref slots[position & mask];
        if (Volatile.Read(ref slot.Sequence) != position + 1)
        {
            span = null;
            return false;
        }

        span = slot.Span;
        slot.Span = null;
        Volatile.Write(ref slot.Sequence, position + mask + 1);
        Volatile.Write(ref head.Value, position + 1);
        return true;
    }

    private struct Slot
    {
        public long Sequence;
        public Activity? Span;
    }

    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}
