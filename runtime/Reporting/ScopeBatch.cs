using System;
using Instrumentation.Thrift;

namespace Instrumentation.Reporting;

/// <summary>
/// The packet being filled with one instrumentation scope's spans: its frame (message header and
/// a process whose tags name the scope) is kept free at the front and filled in at send time, so
/// spans are serialized straight into the packet and never copied in the common case.
/// </summary>
internal sealed class ScopeBatch
{
    private readonly ByteBuffer listHeader = new(16);
    private readonly IThriftWriter listHeaderWriter;

    public ScopeBatch(PacketFormat format, int maxPacketSize)
    {
        Format = format;
        Headroom = format.Prefix.Length + format.MaxListHeaderSize;
        // Grown as spans arrive: a scope with few spans never takes a whole packet of memory.
        Packet = new ByteBuffer(Headroom + Math.Min(maxPacketSize, 4096) + 1024) { Length = Headroom };
        Writer = format.CreateWriter(Packet);
        listHeaderWriter = format.CreateWriter(listHeader);
    }

    public PacketFormat Format { get; }

    public ByteBuffer Packet { get; }

    public IThriftWriter Writer { get; }

    public int Headroom { get; }

    /// <summary>Spans in <see cref="Packet"/>.</summary>
    public int Count;

    /// <summary>When the batcher last switched to this scope (see its eviction).</summary>
    public long LastUsed;

    /// <summary>Bytes of the spans gathered.</summary>
    public int SpanBytes => Packet.Length - Headroom;

    /// <summary>Writes the frame in front of the spans and the stop bytes after them; returns the packet's offset in <see cref="Packet"/>.</summary>
    public int Frame()
    {
        listHeader.Length = 0;
        listHeaderWriter.ListBegin(ThriftType.Struct, Count);
        var offset = Headroom - listHeader.Length - Format.Prefix.Length;
        Format.Prefix.CopyTo(Packet.Data, offset);
        Buffer.BlockCopy(listHeader.Data, 0, Packet.Data, Headroom - listHeader.Length, listHeader.Length);
        Packet.Write(Format.Suffix);
        return offset;
    }

    /// <summary>Empties the packet for the next spans.</summary>
    public void Clear()
    {
        Packet.Length = Headroom;
        Count = 0;
    }
}
