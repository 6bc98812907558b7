using System;

namespace Instrumentation.Senders;

/// <summary>
/// Delivers one framed batch (a UDP datagram or an HTTP body). Never throws: failures are logged and
/// reported as false. <see cref="IDisposable.Dispose"/> may be called while a send is under way (a
/// close that gave up): it aborts that send, and every later one fails without being attempted.
/// </summary>
internal interface IPacketTransport : IDisposable
{
    bool TrySend(byte[] buffer, int offset, int count);

    /// <summary>
    /// Whether a send that <see cref="TrySend"/> reported as done can still turn out refused: over
    /// UDP the "port unreachable" answer of a down agent arrives after the datagram left.
    /// </summary>
    bool ConfirmsLater { get; }

    /// <summary>For <see cref="ConfirmsLater"/>: whether the last datagram was refused since it was sent (reading the answer clears it).</summary>
    bool LastSendRefused();
}
