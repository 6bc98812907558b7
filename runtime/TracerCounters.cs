namespace Instrumentation;

/// <summary>
/// A snapshot of a tracer's counters. Every finished (sampled) span is either reported or
/// dropped for exactly one reason, so once the tracer is disposed
/// <c>SpansFinished == SpansReported + SpansDropped</c>.
/// </summary>
public sealed class TracerCounters
{
    /// <summary>Spans this tracer sampled on the sources it listens to: roots its sampler accepted and children of sampled parents.</summary>
    public long SpansStarted { get; init; }

    /// <summary>Sampled spans that ended and were handed to the reporter.</summary>
    public long SpansFinished { get; init; }

    /// <summary>Spans in packets (or HTTP bodies) that were sent without error.</summary>
    public long SpansReported { get; init; }

    /// <summary>Spans dropped because the queue was full.</summary>
    public long SpansDroppedQueueFull { get; init; }

    /// <summary>Spans dropped because one alone exceeded the packet limit.</summary>
    public long SpansDroppedTooLarge { get; init; }

    /// <summary>Spans in packets whose send failed (socket error, unresolvable host, non-2xx).</summary>
    public long SpansDroppedSendFailed { get; init; }

    /// <summary>Spans not sent because the tracer was closing: still queued when the close timeout ran out, or finished while it was being disposed.</summary>
    public long SpansDroppedOnClose { get; init; }

    /// <summary>Spans that could not be serialized (an unexpected error, logged).</summary>
    public long SpansDroppedInvalid { get; init; }

    /// <summary>All dropped spans.</summary>
    public long SpansDropped => SpansDroppedQueueFull + SpansDroppedTooLarge + SpansDroppedSendFailed + SpansDroppedOnClose + SpansDroppedInvalid;

    /// <summary>UDP datagrams or HTTP bodies sent without error.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Bytes in <see cref="PacketsSent"/>.</summary>
    public long BytesSent { get; init; }

    /// <summary>Failed sends (each failed packet once).</summary>
    public long SendFailures { get; init; }

    /// <summary>Tag or log values cut to <see cref="ReporterConfiguration.MaxTagValueLength"/>.</summary>
    public long TagValuesTruncated { get; init; }

    /// <summary>Tag values whose <c>ToString()</c> threw; sent as a placeholder naming the type.</summary>
    public long BadTagValues { get; init; }

    /// <summary>Polls of the remote sampler's endpoint that failed; the sampler kept its strategy each time.</summary>
    public long SamplingRefreshFailures { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"started={SpansStarted} finished={SpansFinished} reported={SpansReported} dropped={SpansDropped} " +
        $"(queueFull={SpansDroppedQueueFull} tooLarge={SpansDroppedTooLarge} sendFailed={SpansDroppedSendFailed} onClose={SpansDroppedOnClose} invalid={SpansDroppedInvalid}) " +
        $"packets={PacketsSent} bytes={BytesSent} sendFailures={SendFailures} truncated={TagValuesTruncated} badTags={BadTagValues} samplingRefreshFailures={SamplingRefreshFailures}";
}
