using System;

namespace Instrumentation;

/// <summary>How finished spans are queued and flushed (the Go client's <c>ReporterConfig</c>).</summary>
public sealed class ReporterConfiguration
{
    /// <summary>
    /// The default queue: 2^20 finished spans. The queue's slots take 16 MiB (16 bytes each); the
    /// spans it holds keep their <c>Activity</c> objects alive (about 0.6 KiB each plus their tags),
    /// so a full queue of small spans holds roughly 0.7 GiB. When the reporter falls more than 4,096
    /// spans behind, app threads serialize their own spans instead (at most 32 MiB of buffers, see
    /// the README), so a burst of a million spans loses nothing and keeps few Activities alive; a
    /// sustained overload drops (and counts) what does not fit.
    /// </summary>
    public const int DefaultMaxQueueSize = 1 << 20;

    /// <summary>The agent's default UDP packet limit (and ours): 65,000 bytes.</summary>
    public const int DefaultMaxPacketSize = 65_000;

    /// <summary>Tag values (and log field values) longer than this many UTF-8 bytes are truncated.</summary>
    public const int DefaultMaxTagValueLength = 4096;

    /// <summary>Writes one log line per finished span through the configured <c>ILoggerFactory</c> (to standard output when none is set).</summary>
    public bool LogSpans { get; set; }

    /// <summary>How often queued spans are sent when no packet filled up earlier. Default 1 s.</summary>
    public TimeSpan BufferFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most finished spans waiting to be sent; more are dropped and counted. Default 2^20, at most
    /// 2^22 (4,194,304), rounded up to a power of two; the slots (16 bytes each) are allocated at start.
    /// Above 8,192, a ring of 8,192 slots that stays in the CPU's cache takes spans first, and this
    /// queue only what does not fit there (so up to this many plus 8,192 wait).
    /// </summary>
    public int MaxQueueSize { get; set; } = DefaultMaxQueueSize;

    /// <summary>The largest UDP datagram (or HTTP body, see <see cref="SenderConfiguration.MaxHttpBodySize"/>). Default 65,000.</summary>
    public int MaxPacketSize { get; set; } = DefaultMaxPacketSize;

    /// <summary>The longest tag or log value in UTF-8 bytes before it is truncated. Default 4,096.</summary>
    public int MaxTagValueLength { get; set; } = DefaultMaxTagValueLength;

    /// <summary>How long disposing the tracer may take to send what is queued. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether what an exception says is sent: the status description and the <c>exception.message</c>
    /// and <c>exception.stacktrace</c> fields of <c>exception</c> logs. Exception text is user data (a
    /// card number in a validation message, a connection string): false keeps the exception's type,
    /// the error flag and the status code only. Default true, as OpenTelemetry records exceptions
    /// (<c>JAEGER_REPORTER_EXCEPTION_MESSAGES</c>, configuration key <c>Reporter:ExceptionMessages</c>).
    /// </summary>
    public bool ExceptionMessages { get; set; } = true;

    /// <summary>Send errors are counted always but logged at most once per this interval. Default 1 min.</summary>
    public TimeSpan ErrorLogInterval { get; set; } = TimeSpan.FromMinutes(1);
}
