using System;
using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Diagnostics;
using Instrumentation.Senders;
using Instrumentation.Thrift;

namespace Instrumentation.Reporting;

/// <summary>
/// Serializes spans into one packet per instrumentation scope (activity source) and sends a packet
/// whenever the next span would push it past the limit. The scope travels once per packet, as
/// process tags (<c>otel.scope.name</c>/<c>otel.scope.version</c>), not on every span: Jaeger shows
/// process tags on every span of the packet. Runs on the reporter thread only.
/// </summary>
internal sealed class SpanBatcher
{
    /// <summary>
    /// Sources are few and long-lived; past this many, the packet of the one used least recently is
    /// sent and its place taken. (At 64, when every packet was sent and the set started again, an app
    /// using a 65th source in turn with the others sent about one span per packet.) Each scope's
    /// packet grows only with its spans, so the idle ones hold a few KiB each.
    /// </summary>
    private const int MaxScopes = 256;

    private readonly Func<ActivitySource, PacketFormat> formatOf;
    private readonly int maxPacketSize;
    private readonly JaegerSpanSerializer serializer;
    private readonly IPacketTransport transport;
    private readonly ReporterCounters counters;
    private readonly RateLimitedLog log;
    private readonly Dictionary<ActivitySource, ScopeBatch> batches = new();
    private readonly List<ScopeBatch> order = []; // flushed in the order scopes first appeared
    private readonly ByteBuffer carry = new(1024);
    private ActivitySource? lastSource; // most spans in a row come from one source
    private ScopeBatch? lastBatch;
    private long scopeSwitches; // orders the scopes by their last use, for eviction

    // The last datagram over a transport that confirms later: counted once its fate is known.
    private int unconfirmedSpans;
    private int unconfirmedBytes;

    // formatOf: the packet frame for a scope's spans (process tags naming the scope).
    public SpanBatcher(Func<ActivitySource, PacketFormat> formatOf, int maxPacketSize, JaegerSpanSerializer serializer, IPacketTransport transport, ReporterCounters counters, RateLimitedLog log)
    {
        this.formatOf = formatOf;
        this.maxPacketSize = maxPacketSize;
        this.serializer = serializer;
        this.transport = transport;
        this.counters = counters;
        this.log = log;
    }

    /// <summary>
    /// Set when a close gave up: no packet is sent from then on (a send already under way is
    /// aborted by disposing the transport).
    /// </summary>
    public volatile bool Abandoned;

    /// <summary>Whether a sent datagram still waits for <see cref="Confirm"/>.</summary>
    public bool HasUnconfirmed => unconfirmedSpans > 0;

    public void Append(Activity span)
    {
        var batch = BatchOf(span.Source);
        var packet = batch.Packet;
        var start = packet.Length;
        if (serializer.TryWrite(batch.Writer, span) is { } error)
        {
            // Defensive: an Activity in a state we did not foresee must cost one span, not the reporter.
            counters.AddDroppedInvalid();
            log.Error(error, $"could not serialize span '{span.DisplayName}'");
            return;
        }

        var spanBytes = packet.Length - start;
        if (batch.Format.PacketSize(batch.Count + 1, batch.SpanBytes) <= maxPacketSize)
        {
            batch.Count++;
            return;
        }

        // It does not fit the packet being filled: park its bytes and add them as an encoded span
        // (the packet is sent first; a span too large for any packet is dropped).
        carry.Length = 0;
        carry.Write(packet.Data.AsSpan(start, spanBytes));
        packet.Length = start;
        AddEncoded(batch, carry.Data.AsSpan(0, spanBytes), span.DisplayName, span.Source);

        // A span larger than any packet (dropped) grew both buffers to its size: give that back, or
        // one such span would cost its size in memory for the tracer's life.
        var packetRoom = batch.Headroom + maxPacketSize;
        packet.TrimTo(packetRoom);
        carry.Length = 0;
        carry.TrimTo(packetRoom);
    }

    /// <summary>
    /// Adds a span an app thread already serialized (<see cref="EncodedSpans"/>): the bytes are a
    /// whole <c>Span</c> struct, the same wherever it lands in a packet's list.
    /// </summary>
    public void AppendEncoded(ActivitySource source, ReadOnlySpan<byte> span) => AddEncoded(BatchOf(source), span, name: null, source);

    /// <summary>Adds a serialized span to its scope's packet, sending the packet first when it would not fit; <paramref name="name"/> only for the log.</summary>
    private void AddEncoded(ScopeBatch batch, ReadOnlySpan<byte> span, string? name, ActivitySource source)
    {
        if (batch.Format.PacketSize(batch.Count + 1, batch.SpanBytes + span.Length) > maxPacketSize)
        {
            if (batch.Format.PacketSize(1, span.Length) > maxPacketSize)
            {
                counters.AddDroppedTooLarge();
                var what = name is null ? $"a span of '{source.Name}'" : $"span '{name}'";
                log.Error(null, $"{what} takes {span.Length} bytes, more than fits in a {maxPacketSize}-byte packet; dropped");
                return;
            }

            Send(batch);
        }

        batch.Packet.Write(span);
        batch.Count++;
    }

    /// <summary>Forgets the spans gathered but not sent (a close that ran out of time).</summary>
    public void DiscardPending()
    {
        foreach (var batch in order) batch.Clear();
        unconfirmedSpans = 0;
    }

    /// <summary>Sends the spans gathered so far, if any.</summary>
    public void Flush()
    {
        foreach (var batch in order) Send(batch);
    }

    /// <summary>
    /// Counts the last datagram as reported, or as failed when the agent refused it (UDP has no
    /// acknowledgement: "port unreachable" is all it can learn, and only while no other datagram
    /// was sent since). Called before the next send, and when the reporter settles its counts.
    /// </summary>
    public void Confirm()
    {
        if (unconfirmedSpans == 0) return;
        if (transport.LastSendRefused()) counters.AddDroppedSendFailed(unconfirmedSpans);
        else counters.AddReported(unconfirmedSpans, unconfirmedBytes);
        unconfirmedSpans = 0;
    }

    private ScopeBatch BatchOf(ActivitySource source)
    {
        if (ReferenceEquals(source, lastSource)) return lastBatch!;
        if (!batches.TryGetValue(source, out var batch))
        {
            if (batches.Count >= MaxScopes) EvictLeastRecentlyUsed();
            batch = new ScopeBatch(formatOf(source), maxPacketSize);
            batches[source] = batch;
            order.Add(batch);
        }

        batch.LastUsed = ++scopeSwitches;
        lastSource = source;
        lastBatch = batch;
        return batch;
    }

    /// <summary>Sends the packet of the scope used least recently and forgets the scope.</summary>
    private void EvictLeastRecentlyUsed()
    {
        KeyValuePair<ActivitySource, ScopeBatch>? oldest = null;
        foreach (var entry in batches)
        {
            if (oldest is null || entry.Value.LastUsed < oldest.Value.Value.LastUsed) oldest = entry;
        }

        var (source, batch) = (oldest!.Value.Key, oldest.Value.Value);
        Send(batch);
        batches.Remove(source);
        order.Remove(batch);
    }

    private void Send(ScopeBatch batch)
    {
        if (batch.Count == 0) return;
        if (Abandoned)
        {
            // A close gave up and counts these itself, as dropped on close.
            batch.Clear();
            return;
        }

        var offset = batch.Frame();
        var size = batch.Packet.Length - offset;
        var count = batch.Count;
        // The previous datagram's refusal, if any, is read now, or this send would fail in its place.
        Confirm();
        if (ReporterSending.TrySend(transport, batch.Packet.Data, offset, size))
        {
            if (transport.ConfirmsLater)
            {
                unconfirmedSpans = count;
                unconfirmedBytes = size;
            }
            else
            {
                counters.AddReported(count, size);
            }
        }
        else
        {
            counters.AddDroppedSendFailed(count);
        }

        batch.Clear();
    }
}
