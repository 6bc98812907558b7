using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;
using Xunit.Abstractions;

namespace Instrumentation.Runtime.Tests;

/// <summary>An agent that is down or cannot be resolved costs spans (counted), never an exception in the app.</summary>
public sealed class UnreachableAgentTests(ITestOutputHelper output)
{
    private const int Rounds = 6;
    private const int SpansPerRound = 25;

    [Fact]
    public void Nothing_listening_on_the_agent_port_throws_nothing_and_accounts_for_every_span()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var counters = Run("127.0.0.1", port);

        // A connected UDP socket learns of ICMP port-unreachable only on a later send, so single
        // packets may count as sent or failed; every span is one or the other, nothing else.
        output.WriteLine(counters.ToString());
        Assert.Equal(Rounds * SpansPerRound, counters.SpansReported + counters.SpansDroppedSendFailed);
        Assert.Equal(counters.SpansDroppedSendFailed > 0, counters.SendFailures > 0);
    }

    [Fact]
    public void An_unresolvable_agent_host_throws_nothing_and_counts_every_span_as_failed()
    {
        var counters = Run("no-such-host.invalid", 6831);

        output.WriteLine(counters.ToString());
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(0, counters.PacketsSent);
        Assert.Equal(Rounds * SpansPerRound, counters.SpansDroppedSendFailed);
        Assert.True(counters.SendFailures >= Rounds, counters.ToString());
    }

    private static TracerCounters Run(string host, int port)
    {
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("unreachable");
        config.Sender.AgentHost = host;
        config.Sender.AgentPort = port;
        config.Reporter.BufferFlushInterval = TimeSpan.FromMilliseconds(50);
        config.Sources.Add(sourceName);
        var tracer = config.Start();

        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < SpansPerRound; i++)
            {
                using var span = source.StartActivity("op")!;
                span.SetTag("round", round);
            }

            Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));
        }

        tracer.Dispose();
        var counters = tracer.Counters;
        Assert.Equal(Rounds * SpansPerRound, counters.SpansFinished);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
        return counters;
    }
}
