using System.Threading;

namespace Instrumentation.Diagnostics;

/// <summary>
/// The live counters of one tracer. App-thread counts are striped; the rest are written by the
/// reporter's own thread. A span's outcome (reported, or dropped for one reason) is counted once:
/// when a close gives up on the reporter, <see cref="SettleAtClose"/> counts every span without an
/// outcome as dropped on close, and outcomes the reporter thread reaches afterwards are not counted.
/// </summary>
internal sealed class ReporterCounters
{
    public readonly StripedCounter Started = new();
    public readonly StripedCounter DroppedQueueFull = new();

    private readonly object outcomes = new();
    private bool settled;
    private long reported;
    private long droppedTooLarge;
    private long droppedSendFailed;
    private long droppedOnClose;
    private long droppedInvalid;
    private long refusedWhileClosing;
    private long packetsSent;
    private long bytesSent;
    private long sendFailures;
    private long tagValuesTruncated;
    private long badTagValues;
    private long samplingRefreshFailures;

    /// <summary>Spans the reporter's queue accepted, ever; set by the remote reporter.</summary>
    public System.Func<long>? EnqueuedTotal { get; set; }

    public void AddReported(int spans, int bytes)
    {
        lock (outcomes)
        {
            if (settled) return;
            reported += spans;
            packetsSent++;
            bytesSent += bytes;
        }
    }

    public void AddDroppedTooLarge() => AddOutcome(ref droppedTooLarge, 1);

    public void AddDroppedSendFailed(int spans)
    {
        lock (outcomes)
        {
            if (settled) return;
            droppedSendFailed += spans;
            sendFailures++;
        }
    }

    public void AddDroppedInvalid() => AddOutcome(ref droppedInvalid, 1);

    /// <summary>Spans the reporter thread gave up at close (still queued, or raced in after the last drain).</summary>
    public void AddDroppedOnClose(long spans) => AddOutcome(ref droppedOnClose, spans);

    /// <summary>A span that finished while the tracer closed and found the queue sealed (its own outcome, counted whenever it comes).</summary>
    public void AddRefusedWhileClosing() => Interlocked.Increment(ref refusedWhileClosing);

    /// <summary>
    /// A close that gave up: every span the queue ever accepted (<paramref name="enqueued"/>, final
    /// once the queue is sealed) and that has no outcome yet is dropped on close, queued or in flight.
    /// </summary>
    public void SettleAtClose(long enqueued)
    {
        lock (outcomes)
        {
            if (settled) return;
            settled = true;
            droppedOnClose += enqueued - (reported + droppedTooLarge + droppedSendFailed + droppedInvalid + droppedOnClose);
        }
    }

    /// <summary>A send that failed without spans in it (an unforeseen error flushing).</summary>
    public void AddSendFailure() => Interlocked.Increment(ref sendFailures);

    public void AddTagValueTruncated() => Interlocked.Increment(ref tagValuesTruncated);
    public void AddBadTagValue() => Interlocked.Increment(ref badTagValues);

    /// <summary>Tag values whose text could not be had, ever.</summary>
    public long BadTagValues => Volatile.Read(ref badTagValues);

    /// <summary>A poll of the remote sampler's endpoint failed (down, slow, not 200, not a strategy).</summary>
    public void AddSamplingRefreshFailure() => Interlocked.Increment(ref samplingRefreshFailures);

    private void AddOutcome(ref long counter, long spans)
    {
        lock (outcomes)
        {
            if (!settled) counter += spans;
        }
    }

    public TracerCounters Snapshot()
    {
        lock (outcomes)
        {
            var refused = Volatile.Read(ref refusedWhileClosing);
            return new()
            {
                SpansStarted = Started.Value,
                // Every finished span is either enqueued or refused (queue full, or closing): counting it
                // from those saves the app thread one interlocked increment per span.
                SpansFinished = (EnqueuedTotal?.Invoke() ?? 0) + DroppedQueueFull.Value + refused,
                SpansReported = reported,
                SpansDroppedQueueFull = DroppedQueueFull.Value,
                SpansDroppedTooLarge = droppedTooLarge,
                SpansDroppedSendFailed = droppedSendFailed,
                SpansDroppedOnClose = droppedOnClose + refused,
                SpansDroppedInvalid = droppedInvalid,
                PacketsSent = packetsSent,
                BytesSent = bytesSent,
                SendFailures = Volatile.Read(ref sendFailures),
                TagValuesTruncated = Volatile.Read(ref tagValuesTruncated),
                BadTagValues = Volatile.Read(ref badTagValues),
                SamplingRefreshFailures = Volatile.Read(ref samplingRefreshFailures),
            };
        }
    }
}
