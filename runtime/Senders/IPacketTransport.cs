using System;

namespace Instrumentation.Senders;

/// <summary>Delivers one framed batch (a UDP datagram or an HTTP body). Never throws: failures are logged and reported as false.</summary>
internal interface IPacketTransport : IDisposable
{
    bool TrySend(byte[] buffer, int offset, int count);
}
