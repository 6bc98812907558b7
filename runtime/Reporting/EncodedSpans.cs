using System;
using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Thrift;

namespace Instrumentation.Reporting;

/// <summary>
/// Spans already serialized (each a Jaeger <c>Span</c> struct, ready to be copied into a packet of
/// its source), in the order they were written. Filled by one <see cref="EncodingLane"/>, emptied by
/// the reporter thread; reused, so a warm lane allocates nothing.
/// </summary>
internal sealed class EncodedSpans
{
    // A new one's sizes, which Trim goes back to.
    private const int InitialBytes = 1024;
    private const int InitialSpans = 16;

    private readonly List<(ActivitySource Source, int End)> spans = new();

    public EncodedSpans(Func<ByteBuffer, IThriftWriter> writerFor) => Writer = writerFor(Bytes);

    public ByteBuffer Bytes { get; } = new(InitialBytes); // grown only by threads that fall behind

    /// <summary>Writes into <see cref="Bytes"/> in the packets' protocol.</summary>
    public IThriftWriter Writer { get; }

    public int Count => spans.Count;

    /// <summary>Records that the bytes from the previous span's end up to <see cref="ByteBuffer.Length"/> are one span of <paramref name="source"/>.</summary>
    public void Add(ActivitySource source) => spans.Add((source, Bytes.Length));

    public ActivitySource SourceOf(int index) => spans[index].Source;

    public ReadOnlySpan<byte> BytesOf(int index)
    {
        var start = index == 0 ? 0 : spans[index - 1].End;
        return Bytes.Data.AsSpan(start, spans[index].End - start);
    }

    /// <summary>Back to the size of a new one, when empty (see <see cref="EncodingLane.TrimIfIdle"/>).</summary>
    public void Trim()
    {
        if (spans.Count != 0 || Bytes.Length != 0) return;
        Bytes.TrimTo(InitialBytes);
        if (spans.Capacity > InitialSpans) spans.Capacity = InitialSpans;
    }

    public void Clear()
    {
        spans.Clear();
        Bytes.Length = 0;
        Writer.Reset();
    }
}
