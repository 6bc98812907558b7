using System.Threading;

namespace Instrumentation.Diagnostics;

/// <summary>
/// The live counters of one tracer. App-thread counts are striped; the rest are written by the
/// reporter's own thread only.
/// </summary>
internal sealed class ReporterCounters
{
    public readonly StripedCounter Started = new();
    public readonly StripedCounter DroppedQueueFull = new();

    private long reported;
    private long droppedTooLarge;
    private long droppedSendFailed;
    private long droppedOnClose;
    private long droppedInvalid;
    private long packetsSent;
    private long bytesSent;
    private long sendFailures;
    private long tagValuesTruncated;
    private long badTagValues;

    public void AddReported(int spans) => Interlocked.Add(ref reported, spans);
    public void AddDroppedTooLarge() => Interlocked.Increment(ref droppedTooLarge);
    public void AddDroppedSendFailed(int spans) => Interlocked.Add(ref droppedSendFailed, spans);
    /// <summary>Spans the reporter's queue accepted, ever; set by the remote reporter.</summary>
    public System.Func<long>? EnqueuedTotal { get; set; }

    private long refusedWhileClosing;

    /// <summary>A span that finished while the tracer closed and found the queue sealed.</summary>
    public void AddRefusedWhileClosing()
    {
        Interlocked.Increment(ref refusedWhileClosing);
        AddDroppedOnClose(1);
    }

    public void AddDroppedInvalid() => Interlocked.Increment(ref droppedInvalid);
    public void AddDroppedOnClose(long spans) => Interlocked.Add(ref droppedOnClose, spans);
    public void AddPacket(int bytes)
    {
        Interlocked.Increment(ref packetsSent);
        Interlocked.Add(ref bytesSent, bytes);
    }

    public void AddSendFailure() => Interlocked.Increment(ref sendFailures);
    public void AddTagValueTruncated() => Interlocked.Increment(ref tagValuesTruncated);
    public void AddBadTagValue() => Interlocked.Increment(ref badTagValues);

    public TracerCounters Snapshot() => new()
    {
        SpansStarted = Started.Value,
        // Every finished span is either enqueued or refused (queue full, or closing): counting it
        // from those saves the app thread one interlocked increment per span.
        SpansFinished = (EnqueuedTotal?.Invoke() ?? 0) + DroppedQueueFull.Value + Volatile.Read(ref refusedWhileClosing),
        SpansReported = Volatile.Read(ref reported),
        SpansDroppedQueueFull = DroppedQueueFull.Value,
        SpansDroppedTooLarge = Volatile.Read(ref droppedTooLarge),
        SpansDroppedSendFailed = Volatile.Read(ref droppedSendFailed),
        SpansDroppedOnClose = Volatile.Read(ref droppedOnClose),
        SpansDroppedInvalid = Volatile.Read(ref droppedInvalid),
        PacketsSent = Volatile.Read(ref packetsSent),
        BytesSent = Volatile.Read(ref bytesSent),
        SendFailures = Volatile.Read(ref sendFailures),
        TagValuesTruncated = Volatile.Read(ref tagValuesTruncated),
        BadTagValues = Volatile.Read(ref badTagValues),
    };
}
