using System;
using System.Diagnostics;
using Instrumentation.Diagnostics;
using Instrumentation.Reporting;
using Instrumentation.Thrift;

namespace Instrumentation.Senders;

/// <summary>
/// Serializes spans straight into one reusable packet buffer and sends the packet whenever the
/// next span would push it past the limit. Space for the frame (message header, process, list
/// header) is kept free at the front and filled in at send time, so spans are never copied in the
/// common case. Runs on the reporter thread only.
/// </summary>
internal sealed class SpanBatcher
{
    private readonly PacketFormat format;
    private readonly int maxPacketSize;
    private readonly JaegerSpanSerializer serializer;
    private readonly IPacketTransport transport;
    private readonly ReporterCounters counters;
    private readonly RateLimitedLog log;
    private readonly ByteBuffer packet;
    private readonly IThriftWriter spanWriter;
    private readonly ByteBuffer listHeader = new(16);
    private readonly IThriftWriter listHeaderWriter;
    private readonly ByteBuffer carry = new(1024);
    private readonly int headroom;
    private int count;

    public SpanBatcher(PacketFormat format, int maxPacketSize, JaegerSpanSerializer serializer, IPacketTransport transport, ReporterCounters counters, RateLimitedLog log)
    {
        this.format = format;
        this.maxPacketSize = maxPacketSize;
        this.serializer = serializer;
        this.transport = transport;
        this.counters = counters;
        this.log = log;
        headroom = format.Prefix.Length + format.MaxListHeaderSize;
        packet = new ByteBuffer(headroom + maxPacketSize + 1024) { Length = headroom };
        spanWriter = format.CreateWriter(packet);
        listHeaderWriter = format.CreateWriter(listHeader);
    }

    public void Append(Activity span)
    {
        var start = packet.Length;
        try
        {
            serializer.Write(spanWriter, span);
        }
        catch (Exception e)
        {
            // Defensive: an Activity in a state we did not foresee must cost one span, not the reporter.
            packet.Length = start;
            spanWriter.Reset();
            counters.AddDroppedInvalid();
            log.Error(e, $"could not serialize span '{span.DisplayName}'");
            return;
        }

        var spanBytes = packet.Length - start;
        if (format.PacketSize(count + 1, packet.Length - headroom) <= maxPacketSize)
        {
            count++;
            return;
        }

        if (format.PacketSize(1, spanBytes) > maxPacketSize)
        {
            packet.Length = start;
            counters.AddDroppedTooLarge();
            log.Error(null, $"span '{span.DisplayName}' takes {spanBytes} bytes, more than fits in a {maxPacketSize}-byte packet; dropped");
            return;
        }

        // The new span starts the next packet: park its bytes, send the full packet, bring them back.
        carry.Length = 0;
        carry.Write(packet.Data.AsSpan(start, spanBytes));
        packet.Length = start;
        Flush();
        packet.Write(carry.Data.AsSpan(0, spanBytes));
        count = 1;
    }

    /// <summary>Forgets the spans gathered but not sent (a close that ran out of time).</summary>
    public void DiscardPending()
    {
        packet.Length = headroom;
        count = 0;
        unconfirmedSpans = 0;
    }

    /// <summary>
    /// Set when a close gave up: no packet is sent from then on (a send already under way is
    /// aborted by disposing the transport).
    /// </summary>
    public volatile bool Abandoned;

    // The last datagram over a transport that confirms later: counted once its fate is known.
    private int unconfirmedSpans;
    private int unconfirmedBytes;

    /// <summary>Sends the spans gathered so far, if any.</summary>
    public void Flush()
    {
        if (count == 0) return;

        listHeader.Length = 0;
        listHeaderWriter.ListBegin(ThriftType.Struct, count);
        var offset = headroom - listHeader.Length - format.Prefix.Length;
        format.Prefix.CopyTo(packet.Data, offset);
        Buffer.BlockCopy(listHeader.Data, 0, packet.Data, headroom - listHeader.Length, listHeader.Length);
        packet.Write(format.Suffix);

        var size = packet.Length - offset;
        // The previous datagram's refusal, if any, is read now, or this send would fail in its place.
        Confirm();
        if (!Abandoned && ReporterSending.TrySend(transport, packet.Data, offset, size))
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

        packet.Length = headroom;
        count = 0;
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

    /// <summary>Whether a sent datagram still waits for <see cref="Confirm"/>.</summary>
    public bool HasUnconfirmed => unconfirmedSpans > 0;
}
