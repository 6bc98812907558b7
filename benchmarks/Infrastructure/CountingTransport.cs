using Instrumentation.Senders;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>A transport that only counts what it is given (for wire-size measurements).</summary>
internal sealed class CountingTransport : IPacketTransport
{
    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    public int LargestPacket { get; private set; }

    public bool TrySend(byte[] buffer, int offset, int count)
    {
        Packets++;
        Bytes += count;
        if (count > LargestPacket) LargestPacket = count;
        return true;
    }

    public bool ConfirmsLater => false;

    public bool LastSendRefused() => false;

    public void Dispose()
    {
    }
}
