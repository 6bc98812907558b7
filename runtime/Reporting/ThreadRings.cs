using System;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Reporting;

/// <summary>
/// The per-thread rings of one reporter: how an app thread finds its own, how the reporter visits
/// them all, and how they are sealed at close without costing producers a fence per span.
/// </summary>
/// <remarks>
/// Sealing is an asymmetric Dekker handshake: a producer marks itself busy, then reads the seal;
/// the closer sets the seal, issues a process-wide memory barrier, then waits for producers that
/// are still busy. Either the producer sees the seal (and refuses the span), or the closer sees it
/// busy (and waits for its span to be published before the last drain): no span is left unseen,
/// and producers pay plain stores only.
/// </remarks>
internal sealed class ThreadRings
{
    [ThreadStatic]
    private static ThreadRings? cachedOwner;

    [ThreadStatic]
    private static ThreadRing? cachedRing;

    private readonly object gate = new();
    private ThreadRing[] rings = []; // copy on write, under gate
    private volatile bool sealedForClose;
    private long retiredEnqueued; // spans of rings pruned away, under gate

    /// <summary>Every ring, for the reporter and the counters.</summary>
    public ThreadRing[] All => Volatile.Read(ref rings);

    /// <summary>Spans ever published through the rings.</summary>
    public long Enqueued
    {
        get
        {
            lock (gate)
            {
                var total = retiredEnqueued;
                foreach (var ring in rings) total += ring.Enqueued;
                return total;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="span"/> to the calling thread's ring. Returns its position in that ring,
    /// -1 when the ring is full (use the shared queue), or -2 when sealed (the tracer closes).
    /// </summary>
    public long TryEnqueue(Activity span)
    {
        var ring = ReferenceEquals(cachedOwner, this) ? cachedRing! : RingOfThisThread();
        Volatile.Write(ref ring.Busy, 1);
        var position = sealedForClose ? -2 : ring.TryEnqueue(span); // neither can throw
        Volatile.Write(ref ring.Busy, 0);
        return position;
    }

    /// <summary>
    /// Makes every later <see cref="TryEnqueue"/> refuse, and returns once no producer is still
    /// publishing: what the rings hold then is all they will ever hold.
    /// </summary>
    public void Seal()
    {
        sealedForClose = true;
#if NET
        Interlocked.MemoryBarrierProcessWide();
#else
        Interlocked.MemoryBarrier(); // never used there: the reporter makes no rings without NET
#endif
        var spin = new SpinWait();
        foreach (var ring in All)
        {
            while (Volatile.Read(ref ring.Busy) != 0) spin.SpinOnce();
        }
    }

    /// <summary>Consumer: forgets rings whose thread has ended and that are empty.</summary>
    public void Prune()
    {
        var current = All;
        var dead = 0;
        foreach (var ring in current)
        {
            if (!ring.Owner.IsAlive && ring.IsEmpty) dead++;
        }

        if (dead == 0) return;
        lock (gate)
        {
            // A ring is only added under the gate, so this copy loses none; an ended thread adds nothing.
            var kept = Array.FindAll(rings, r => r.Owner.IsAlive || !r.IsEmpty);
            foreach (var ring in rings)
            {
                if (Array.IndexOf(kept, ring) < 0) retiredEnqueued += ring.Enqueued;
            }

            rings = kept;
        }
    }

    private ThreadRing RingOfThisThread()
    {
        // A thread that reports to two tracers keeps a ring in each; only the last is cached.
        var thread = Thread.CurrentThread;
        ThreadRing? ring = null;
        foreach (var candidate in All)
        {
            if (ReferenceEquals(candidate.Owner, thread))
            {
                ring = candidate;
                break;
            }
        }

        if (ring is null)
        {
            ring = new ThreadRing(thread);
            lock (gate)
            {
                var grown = new ThreadRing[rings.Length + 1];
                rings.CopyTo(grown, 0);
                grown[rings.Length] = ring;
                rings = grown;
            }
        }

        cachedOwner = this;
        cachedRing = ring;
        return ring;
    }
}
