using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Instrumentation.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Instrumentation.Senders;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// An agent given by name that moves to another address (a restarted container, a rescheduled pod)
/// is followed there, as jaeger-client-go's reconnecting UDP client follows it: the name is looked
/// up again now and then, and datagrams go to the new address.
/// </summary>
public sealed class MovingAgentTests
{
    [Fact]
    public void Datagrams_follow_the_agents_name_to_its_new_address()
    {
        using var first = Bind(IPAddress.Parse("127.0.0.2"), 0);
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;
        using var second = Bind(IPAddress.Parse("127.0.0.3"), port);
        var answer = IPAddress.Parse("127.0.0.2");
        var log = new RateLimitedLog(NullLogger.Instance, TimeSpan.FromMinutes(1));
        using var transport = new UdpTransport("jaeger-agent.test", port, log, _ => [Volatile.Read(ref answer)], TimeSpan.FromMilliseconds(20));

        Assert.True(transport.TrySend([1], 0, 1));
        Assert.Equal(1, Receive(first));

        Volatile.Write(ref answer, IPAddress.Parse("127.0.0.3"));
        var reached = Poll.Until(() =>
        {
            transport.TrySend([2], 0, 1);
            return second.Available > 0;
        }, 5_000);
        Assert.True(reached, "no datagram reached the agent's new address");
        Assert.Equal(2, Receive(second));

        // Once moved, nothing more goes to the old address.
        while (first.Available > 0) Receive(first);
        Assert.True(transport.TrySend([3], 0, 1));
        Assert.Equal(3, Receive(second));
        Assert.Equal(0, first.Available);
    }

    [Fact]
    public void An_agent_name_whose_addresses_rotate_is_not_followed_while_its_address_stays_among_them()
    {
        // Round-robin DNS returns the same addresses in turn: only the first was compared, so the
        // transport moved (and logged that it had) at every look-up.
        using var first = Bind(IPAddress.Parse("127.0.0.2"), 0);
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;
        using var second = Bind(IPAddress.Parse("127.0.0.3"), port);
        var lookups = 0;
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = provider.CreateFactory();
        var log = new RateLimitedLog(loggerFactory.CreateLogger("transport"), TimeSpan.FromMinutes(1));
        IPAddress[] Rotating(string _) => Interlocked.Increment(ref lookups) % 2 == 0
            ? [IPAddress.Parse("127.0.0.3"), IPAddress.Parse("127.0.0.2")]
            : [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];
        using var transport = new UdpTransport("jaeger-agent.test", port, log, Rotating, TimeSpan.FromMilliseconds(20));

        Assert.True(Poll.Until(() =>
        {
            transport.TrySend([1], 0, 1);
            return Volatile.Read(ref lookups) >= 6;
        }, 5_000), "the name was not looked up again");

        Assert.Equal(0, second.Available);
        Assert.DoesNotContain(provider.Entries, e => e.Message.Contains("moved", StringComparison.Ordinal));
    }

    private static Socket Bind(IPAddress address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
        socket.Bind(new IPEndPoint(address, port));
        return socket;
    }

    private static int Receive(Socket socket)
    {
        var buffer = new byte[16];
        return socket.Receive(buffer) == 1 ? buffer[0] : -1;
    }
}
