using System;
using System.Diagnostics;
using System.Threading;
using Instrumentation.Diagnostics;
using Instrumentation.Senders;

namespace Instrumentation.Reporting;

/// <summary>
/// Queues finished spans (lock-free, never blocking the app) and sends them from one background
/// thread: whenever enough spans arrive to fill packets, and every flush interval for the rest.
/// Disposing sends everything queued, waiting at most the close timeout.
/// </summary>
internal sealed class RemoteReporter : IReporter
{
    /// <summary>Producers wake the reporter every this many spans (a power of two), not on each one.</summary>
    private const int WakeEvery = 256;

    private readonly SpanQueue queue;
    private readonly SpanBatcher batcher;
    private readonly IPacketTransport transport;
    private readonly ReporterCounters counters;
    private readonly TimeSpan flushInterval;
    private readonly TimeSpan closeTimeout;
    private readonly ManualResetEventSlim wake = new(false);
    private readonly object flushGate = new();
    private readonly Thread thread;
    private long flushRequested;
    private long flushCompleted;
    private volatile bool closing;

    public RemoteReporter(SpanBatcher batcher, IPacketTransport transport, ReporterCounters counters, ReporterConfiguration config)
    {
        queue = new SpanQueue(config.MaxQueueSize);
        this.batcher = batcher;
        this.transport = transport;
        this.counters = counters;
        flushInterval = config.BufferFlushInterval;
        closeTimeout = config.CloseTimeout;
        thread = new Thread(Run) { IsBackground = true, Name = "Jaeger reporter" };
        thread.Start();
    }

    public void Report(Activity span)
    {
        var position = queue.TryEnqueue(span);
        if (position < 0)
        {
            // A span finishing while the tracer closes may find the queue sealed: count it, never lose it.
            if (closing) counters.AddDroppedOnClose(1);
            else counters.DroppedQueueFull.Increment();
            wake.Set();
            return;
        }

        if ((position & (WakeEvery - 1)) == WakeEvery - 1) wake.Set();
    }

    public bool Flush(TimeSpan timeout)
    {
        if (closing) return !thread.IsAlive;
        lock (flushGate)
        {
            var ticket = ++flushRequested;
            wake.Set();
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (flushCompleted < ticket)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0 || !thread.IsAlive) return false;
                Monitor.Wait(flushGate, TimeSpan.FromTicks(Math.Max(1, left * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }

            return true;
        }
    }

    public void Dispose()
    {
        if (closing) return;
        closing = true;
        wake.Set();
        if (!thread.Join(closeTimeout))
        {
            // The thread is still sending (a slow collector): whatever it has not taken yet is lost.
            counters.AddDroppedOnClose(Math.Max(0, queue.Count));
            return;
        }

        // Spans that raced in after the thread's last drain. A span whose stop callback was already
        // running when the listener was removed can still arrive: sealing makes it fail (and be
        // counted in Report) instead of sitting in the queue uncounted.
        counters.AddDroppedOnClose(queue.DrainSealed(queue.Seal()));
        transport.Dispose();
        wake.Dispose();
    }

    private void Run()
    {
        var nextFlush = Stopwatch.GetTimestamp() + IntervalTicks(flushInterval);
        while (!closing)
        {
            var wait = nextFlush - Stopwatch.GetTimestamp();
            if (wait > 0) wake.Wait(TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            wake.Reset();

            long requested;
            lock (flushGate) requested = flushRequested;
            DrainGuarded();
            if (Stopwatch.GetTimestamp() >= nextFlush || requested > Volatile.Read(ref flushCompleted))
            {
                FlushGuarded();
                nextFlush = Stopwatch.GetTimestamp() + IntervalTicks(flushInterval);
                CompleteFlush(requested);
            }
        }

        DrainGuarded();
        FlushGuarded();
        lock (flushGate) CompleteFlush(flushRequested);
    }

    // Every failure below is already counted and logged where it happens; these guards only keep
    // the reporter thread alive if something unforeseen escapes.
    private void DrainGuarded()
    {
        try
        {
            while (queue.TryDequeue(out var span)) batcher.Append(span!);
        }
        catch (Exception)
        {
            counters.AddDroppedInvalid();
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

    private void CompleteFlush(long requested)
    {
        lock (flushGate)
        {
            if (requested > flushCompleted) flushCompleted = requested;
            Monitor.PulseAll(flushGate);
        }
    }

    private static long IntervalTicks(TimeSpan interval) => (long)(interval.TotalSeconds * Stopwatch.Frequency);
}
