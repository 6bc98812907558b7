using Instrumentation.Senders;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>Accepts every packet and sends nothing: isolates serialization from the kernel's UDP send.</summary>
internal sealed class DiscardingTransport : IPacketTransport
{
    public bool TrySend(byte[] buffer, int offset, int count) => true;

    public bool ConfirmsLater => false;

    public bool LastSendRefused() => false;

    public void Dispose()
    {
    }
}
