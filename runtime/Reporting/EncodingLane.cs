using System;
using System.Diagnostics;
using System.Threading;
using Instrumentation.Diagnostics;
using Instrumentation.Thrift;

namespace Instrumentation.Reporting;

/// <summary>
/// Where app threads serialize their own finished spans while the reporter is far behind: the span
/// is written at once (its Activity is still in the thread's cache, and dies young instead of
/// waiting in the queue to be promoted and copied by the GC), and the reporter thread later copies
/// the bytes into packets. Shared by the threads of one stripe, one at a time: a thread that finds
/// it taken (or full) queues its Activity as usual, so nobody ever waits for a lane.
/// </summary>
internal sealed class EncodingLane
{
    private const long SealOffset = 1L << 62;


    /// <summary>Bytes after which the thread that crosses them wakes the reporter.</summary>
    private const int WakeBytes = 32 * 1024;

    private readonly int maxBytes;
    private readonly int maxSpans;
    private readonly JaegerSpanSerializer serializer;
    private readonly ReporterCounters counters;
    private readonly RateLimitedLog log;
    private EncodedSpans filling;
    private EncodedSpans? spare;
    private bool writing; // a tag's ToString() that ends a span of its own must not write into this one's bytes
    private long accepted; // spans encoded here, ever; plus SealOffset once sealed
    private long acceptedAtLastTrim; // reporter thread only

    /// <param name="maxBytes">The bytes a lane fills before its threads fall back to the queue.</param>
    /// <param name="maxSpans">The spans a lane fills before its threads fall back to the queue.</param>
    /// <param name="serializer">The lane's own (serializers keep per-thread caches).</param>
    /// <param name="writerFor">A writer of the packets' protocol over a buffer.</param>
    /// <param name="counters">Counts spans that cannot be serialized.</param>
    /// <param name="log">Logs them.</param>
    public EncodingLane(int maxBytes, int maxSpans, JaegerSpanSerializer serializer, Func<ByteBuffer, IThriftWriter> writerFor, ReporterCounters counters, RateLimitedLog log)
    {
        this.maxBytes = maxBytes;
        this.maxSpans = maxSpans;
        this.serializer = serializer;
        this.counters = counters;
        this.log = log;
        filling = new EncodedSpans(writerFor);
        spare = new EncodedSpans(writerFor);
    }

    /// <summary>Spans this lane accepted, ever (final once sealed).</summary>
    public long Accepted
    {
        get
        {
            var value = Volatile.Read(ref accepted);
            return value >= SealOffset ? value - SealOffset : value;
        }
    }

    public EncodeResult TryEncode(Activity span)
    {
        if (Volatile.Read(ref accepted) >= SealOffset) return EncodeResult.Refused;
        if (!Monitor.TryEnter(this)) return EncodeResult.Busy;
        try
        {
            var bytes = filling.Writer.Buffer;
            if (writing || bytes.Length >= maxBytes || filling.Count >= maxSpans) return EncodeResult.Busy;
            writing = true;
            var start = bytes.Length;
            Exception? error;
            try
            {
                error = serializer.TryWrite(filling.Writer, span);
            }
            finally
            {
                writing = false;
            }

            if (error is not null)
            {
                // As on the reporter thread: an Activity in a state we did not foresee costs one span.
                if (!TryCount()) return EncodeResult.Refused;
                counters.AddDroppedInvalid();
                log.Error(error, $"could not serialize span '{span.DisplayName}'");
                return EncodeResult.Encoded;
            }

            if (!TryCount())
            {
                bytes.Length = start; // sealed meanwhile: the closing tracer counts it as refused
                return EncodeResult.Refused;
            }

            filling.Add(span.Source);
            return start < WakeBytes && bytes.Length >= WakeBytes ? EncodeResult.EncodedWake : EncodeResult.Encoded;
        }
        finally
        {
            Monitor.Exit(this);
        }
    }

    /// <summary>
    /// Counts one more accepted span unless the lane was sealed meanwhile (then the closing tracer
    /// counts it as refused, and it must not be counted here too). Only the thread holding the lane
    /// writes the count; <see cref="Seal"/> is the one other writer.
    /// </summary>
    private bool TryCount()
    {
        var seen = Volatile.Read(ref accepted);
        return seen < SealOffset && Interlocked.CompareExchange(ref accepted, seen + 1, seen) == seen;
    }

    /// <summary>Reporter thread: takes the spans written so far (null if none); hand them back with <see cref="Return"/>.</summary>
    public EncodedSpans? Take()
    {
        lock (this)
        {
            if (filling.Count == 0 || spare is null) return null;
            var taken = filling;
            filling = spare;
            spare = null;
            return taken;
        }
    }

    public void Return(EncodedSpans taken)
    {
        taken.Clear();
        lock (this) spare = taken;
    }

    /// <summary>
    /// Reporter thread, at each flush: a lane no thread wrote to since the flush before gives back
    /// what a burst grew (its two buffers, up to twice its share each, and its index of spans), so a
    /// burst does not cost its peak memory for the rest of the process's life.
    /// </summary>
    public void TrimIfIdle()
    {
        var now = Volatile.Read(ref accepted);
        if (now != acceptedAtLastTrim)
        {
            acceptedAtLastTrim = now;
            return;
        }

        // Never waits on an app thread: one that finds the lane taken queues its span instead.
        if (!Monitor.TryEnter(this)) return;
        try
        {
            if (spare is null || filling.Count != 0) return;
            filling.Trim();
            spare.Trim();
        }
        finally
        {
            Monitor.Exit(this);
        }
    }

    /// <summary>Makes every later <see cref="TryEncode"/> refuse; returns how many spans were accepted before.</summary>
    public long Seal() => Interlocked.Add(ref accepted, SealOffset) - SealOffset;
}

internal enum EncodeResult
{
    /// <summary>Written (or counted as invalid): the span is the lane's.</summary>
    Encoded,

    /// <summary>Written, and the lane has enough to be worth waking the reporter for.</summary>
    EncodedWake,

    /// <summary>The lane is taken, full, or busy on this thread: queue the Activity instead.</summary>
    Busy,

    /// <summary>The tracer is closing: the span is refused, as the sealed queue refuses it.</summary>
    Refused,
}
