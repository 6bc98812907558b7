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

    /// <summary>Forgets the spans gathered but not sent (a close that ran out of time); returns how many.</summary>
    public int DiscardPending()
    {
        var discarded = count;
        packet.Length = headroom;
        count = 0;
        return discarded;
    }

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
        if (ReporterSending.TrySend(transport, packet.Data, offset, size))
        {
            counters.AddPacket(size);
            counters.AddReported(count);
        }
        else
        {
            counters.AddSendFailure();
            counters.AddDroppedSendFailed(count);
        }

        packet.Length = headroom;
        count = 0;
    }
}
