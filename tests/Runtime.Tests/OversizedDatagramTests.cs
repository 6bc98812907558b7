using System;
using System.Net;
using System.Net.Sockets;
using Instrumentation.Diagnostics;
using Instrumentation.Senders;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// A datagram the system refuses as too large (on macOS any packet over its small default send
/// buffer; here, one over UDP's 65,507-byte limit) fails alone: the packets after it are sent at once,
/// not dropped while the sender waits to look the agent up again.
/// </summary>
public sealed class OversizedDatagramTests
{
    [Fact]
    public void A_datagram_too_large_to_send_fails_alone()
    {
        using var agent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
        agent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)agent.LocalEndPoint!).Port;
        using var transport = new UdpTransport("127.0.0.1", port, new RateLimitedLog(NullLogger.Instance, TimeSpan.FromMinutes(1)));
        var received = new byte[16];

        Assert.True(transport.TrySend([1], 0, 1));
        Assert.Equal(1, agent.Receive(received));

        Assert.False(transport.TrySend(new byte[70_000], 0, 70_000));

        Assert.True(transport.TrySend([2], 0, 1));
        Assert.Equal(1, agent.Receive(received));
        Assert.Equal(2, received[0]);
    }
}
