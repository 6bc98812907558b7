using System;
using System.Diagnostics;
using System.Threading;
using Instrumentation.Diagnostics;
using Instrumentation.Senders;

namespace Instrumentation.Reporting;

/// <summary>
/// Queues finished spans (lock-free, never blocking the app) and sends them from one background
/// thread: whenever enough spans arrive to fill packets, and every flush interval for the rest.
/// When the reporter falls far behind (a burst while the app's threads keep every core busy), app
/// threads serialize their own spans into <see cref="EncodingLanes"/> instead of queueing them, so
/// the queue stops growing and finished Activities are not kept alive (and copied by the GC) until
/// the reporter reaches them. Disposing sends everything queued, waiting at most the close timeout.
/// </summary>
internal sealed class RemoteReporter : IReporter
{
    /// <summary>
    /// Producers wake the reporter every this many spans (a power of two), not on each one. Each
    /// wake costs the reporter a futex wake-up and a spin before it sleeps again: at 256 that was a
    /// third of its CPU per span at high rates, enough to make it fall behind a busy app thread (on
    /// 2 cores), and spans that wait in the queue across a gen0 GC get promoted at the app's expense.
    /// 1024 spans in flight hold well under 1 MB.
    /// </summary>
    internal const int WakeEvery = 1024;

    /// <summary>
    /// Spans waiting in the queue before app threads serialize their own: about 2.5 MB of finished
    /// Activities, so a reporter that keeps up never sees it, and one that does not is caught before
    /// most of a gen0 budget is spans it has yet to reach.
    /// </summary>
    private const int EncodeWhenWaiting = 4096;

    /// <summary>While draining the queue, the reporter empties the lanes every this many spans (a power of two).</summary>
    private const int LaneCheckEvery = 256;

    private readonly TieredSpanQueue queue;
    private readonly long wakeMask;
    private readonly long encodeWhenWaiting;
    private readonly EncodingLanes lanes;
    private volatile bool behind; // app threads encode their own spans while set
    private readonly SpanBatcher batcher;
    private readonly IPacketTransport transport;
    private readonly ReporterCounters counters;
    private readonly RateLimitedLog log;
    private long droppedQueueFullLogged;
    private long badTagValuesLogged;
    private readonly TimeSpan flushInterval;
    private readonly TimeSpan closeTimeout;
    private readonly ManualResetEventSlim wake = new(false);
    private readonly object flushGate = new();
    private readonly Thread thread;
    private long flushRequested;
    private long flushCompleted;
    private long flushesFailFrom = long.MaxValue; // the first flush ticket a close that gave up completed unsent
    private readonly object exitGate = new();
    private volatile bool closing;
    private volatile bool abandoned;
    private bool exited;

    // lane: makes an EncodingLane that holds the given bytes and spans.
    public RemoteReporter(SpanBatcher batcher, Func<int, int, EncodingLane> lane, IPacketTransport transport, ReporterCounters counters, RateLimitedLog log, ReporterConfiguration config)
    {
        this.log = log;
        queue = new TieredSpanQueue(config.MaxQueueSize);
        lanes = new EncodingLanes(queue.Capacity, lane);
        counters.EnqueuedTotal = () => queue.Enqueued + lanes.Accepted;
        // A small queue (Jaeger's classic 100) must wake the reporter long before it fills.
        wakeMask = Math.Min(WakeEvery, Math.Max(1, queue.HotCapacity / 4)) - 1;
        encodeWhenWaiting = Math.Min(EncodeWhenWaiting, queue.HotCapacity / 2);
        this.batcher = batcher;
        this.transport = transport;
        this.counters = counters;
        flushInterval = config.BufferFlushInterval;
        closeTimeout = StopwatchTime.Timeout(config.CloseTimeout);
        thread = new Thread(Run) { IsBackground = true, Name = "Jaeger reporter" };
        // Not the creating thread's context: a span current there must not stay alive (nor current) in the reporter.
        using (ExecutionContext.SuppressFlow()) thread.Start();
    }

    public void Report(Activity span)
    {
        if (behind)
        {
            switch (lanes.TryEncode(span))
            {
                case EncodeResult.Encoded: return;
                case EncodeResult.EncodedWake:
                    wake.Set();
                    return;
                case EncodeResult.Refused:
                    counters.AddRefusedWhileClosing();
                    return;
            }
        }

        var position = queue.TryEnqueue(span);
        if (position == TieredSpanQueue.InOverflow)
        {
            // The small ring is full: the reporter is behind whatever the count said.
            if (!behind)
            {
                behind = true;
                wake.Set();
            }

            return;
        }

        if (position < 0)
        {
            // A span finishing while the tracer closes may find the queue sealed: count it, never lose it.
            if (closing) counters.AddRefusedWhileClosing();
            else counters.DroppedQueueFull.Increment();
            wake.Set();
            return;
        }

        if ((position & wakeMask) != wakeMask) return;
        wake.Set();
        // Now and then (reading the reporter's position costs a shared cache line): is it far behind?
        if (!behind && queue.WaitingAt(position) > encodeWhenWaiting) behind = true;
    }

    public bool Flush(TimeSpan timeout)
    {
        if (closing) return !thread.IsAlive && !abandoned;
        lock (flushGate)
        {
            var ticket = ++flushRequested;
            wake.Set();
            var deadline = Stopwatch.GetTimestamp() + StopwatchTime.Ticks(timeout);
            while (flushCompleted < ticket)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0 || !thread.IsAlive) return false;
                Monitor.Wait(flushGate, StopwatchTime.Wait(left));
            }

            // Completed by a close that gave up: what it waited for was dropped, not sent.
            return ticket < flushesFailFrom;
        }
    }

    /// <summary>
    /// Closes: the reporter thread sends what is queued, for at most the close timeout. When that
    /// runs out (a collector that does not answer), every span still queued, gathered or in flight is
    /// counted as dropped on close before this returns, the send under way is aborted, and nothing
    /// is sent afterwards: the counters add up when Dispose returns.
    /// </summary>
    public void Dispose()
    {
        if (closing) return;
        closing = true;
        wake.Set();
        if (!thread.Join(closeTimeout))
        {
            lock (exitGate)
            {
                if (!exited)
                {
                    // No send starts after this; the counts are settled; then the send under way is
                    // aborted, so its failure is not counted as a send failure after the settling.
                    abandoned = true;
                    batcher.Abandoned = true;
                    counters.SettleAtClose(queue.Seal() + lanes.Seal());
                    transport.Dispose();
                    return;
                }
            }
        }

        CountLateSpans();
        transport.Dispose();
    }

    private void Run()
    {
        var nextFlush = Stopwatch.GetTimestamp() + IntervalTicks(flushInterval);
        while (!closing)
        {
            var wait = nextFlush - Stopwatch.GetTimestamp();
            if (wait > 0) wake.Wait(StopwatchTime.Wait(wait));
            wake.Reset();

            // The datagram of the last flush has had time to be refused by now.
            ConfirmGuarded(grace: false);
            long requested;
            lock (flushGate) requested = flushRequested;
            DrainGuarded();
            if (Stopwatch.GetTimestamp() >= nextFlush || requested > Volatile.Read(ref flushCompleted))
            {
                FlushGuarded();
                LogLosses();
                lanes.TrimIdle();
                nextFlush = Stopwatch.GetTimestamp() + IntervalTicks(flushInterval);
                // Someone waits on this flush and reads the counters next: settle them now.
                if (requested > Volatile.Read(ref flushCompleted)) ConfirmGuarded(grace: true);
                CompleteFlush(requested);
            }
        }

        if (!abandoned)
        {
            DrainGuarded();
            FlushGuarded();
            ConfirmGuarded(grace: true);
            LogLosses();
        }

        lock (flushGate) CompleteFlush(flushRequested);
        lock (exitGate)
        {
            exited = true;
            if (!abandoned) return;
        }

        // Dispose gave up and counted everything left: release it without counting or sending.
        batcher.DiscardPending();
        queue.DrainSealed();
        lanes.Discard();
        transport.Dispose();
    }

    /// <summary>
    /// Seals the queue and counts what is left as dropped: spans that raced in after the last drain
    /// (a stop callback already running when the listener was removed). Sealing makes later
    /// enqueues fail and be counted in <see cref="Report"/>.
    /// </summary>
    private void CountLateSpans()
    {
        queue.Seal();
        lanes.Seal();
        counters.AddDroppedOnClose(queue.DrainSealed() + lanes.Discard());
    }

    /// <summary>Settles the last datagram's count; with <paramref name="grace"/>, after giving a refusal a moment to arrive.</summary>
    private void ConfirmGuarded(bool grace)
    {
        if (!batcher.HasUnconfirmed || abandoned) return;
        try
        {
            if (grace) Thread.Sleep(1);
            batcher.Confirm();
        }
        catch (Exception)
        {
            counters.AddSendFailure();
        }
    }

    // Every failure below is already counted and logged where it happens; these guards only keep
    // the reporter thread alive if something unforeseen escapes.
    private void DrainGuarded()
    {
        try
        {
            // The lanes first: their spans are the newest, and their threads wait for room.
            CollectLanes();
            var drained = 0;
            while (!abandoned && queue.TryDequeue(out var span))
            {
                batcher.Append(span!);
                // A long backlog must not leave the lanes full meanwhile: their threads would queue again.
                if ((++drained & (LaneCheckEvery - 1)) == 0) CollectLanes();
            }

            // Caught up with the queue: app threads go back to queueing, which costs them less (a
            // burst swings between the two, each swing leaving at most ~4,096 Activities queued).
            // Measured: cleared only at the next flush tick, a single thread's tight loop that
            // fell behind once paid for serializing its spans for up to a second.
            behind = false;
            CollectLanes();
        }
        catch (Exception)
        {
            counters.AddDroppedInvalid();
        }
    }

    /// <summary>Copies the spans app threads serialized into packets.</summary>
    private void CollectLanes()
    {
        for (var i = 0; i < lanes.Count && !abandoned; i++)
        {
            if (lanes[i].Take() is not { } encoded) continue;
            for (var s = 0; s < encoded.Count && !abandoned; s++)
            {
                try
                {
                    batcher.AppendEncoded(encoded.SourceOf(s), encoded.BytesOf(s));
                }
                catch (Exception)
                {
                    // Defensive, as for queued spans: something unforeseen costs this span, not the rest.
                    counters.AddDroppedInvalid();
                }
            }

            lanes[i].Return(encoded);
        }
    }

    private void FlushGuarded()
    {
        try
        {
            batcher.Flush();
        }
        catch (Exception)
        {
            counters.AddSendFailure();
        }
    }

    /// <summary>
    /// Reporter thread, at each flush: says (rate limited) what app threads only counted since the
    /// last one, spans the full queue refused and tag values whose text could not be had, so those
    /// losses reach the log as a down agent's do.
    /// </summary>
    private void LogLosses()
    {
        var dropped = counters.DroppedQueueFull.Value;
        if (dropped > droppedQueueFullLogged)
        {
            log.Error(null, $"{dropped - droppedQueueFullLogged} spans dropped: the queue of {queue.Capacity} was full (the reporter could not keep up; Reporter.MaxQueueSize sets its size)");
            droppedQueueFullLogged = dropped;
        }

        var badTags = counters.BadTagValues;
        if (badTags > badTagValuesLogged)
        {
            log.Error(null, $"{badTags - badTagValuesLogged} tag values had a ToString() that threw; they were sent as a text saying so");
            badTagValuesLogged = badTags;
        }
    }

    private void CompleteFlush(long requested)
    {
        lock (flushGate)
        {
            // After a close gave up, flushes complete with their spans dropped, not sent.
            if (abandoned && flushesFailFrom == long.MaxValue) flushesFailFrom = flushCompleted + 1;
            if (requested > flushCompleted) flushCompleted = requested;
            Monitor.PulseAll(flushGate);
        }
    }

    private static long IntervalTicks(TimeSpan interval) => StopwatchTime.Ticks(interval);
}
