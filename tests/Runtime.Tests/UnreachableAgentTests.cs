using System;
using System.Linq;
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

        // The agent's "port unreachable" for each datagram is read before the next send (or when
        // the reporter settles a flush), so no datagram to a closed port counts as reported.
        output.WriteLine(counters.ToString());
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(0, counters.PacketsSent);
        Assert.Equal(Rounds * SpansPerRound, counters.SpansDroppedSendFailed);
        Assert.Equal(Rounds, counters.SendFailures);
    }

    [Fact]
    public void Many_packets_to_a_closed_port_count_none_as_reported()
    {
        // One packet per 25 spans (a small packet limit), 200 packets in a row: before, every other
        // one looked delivered, because its refusal surfaced as the next send's error.
        var port = FreeUdpPort();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("unreachable");
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = port;
        config.Reporter.MaxPacketSize = 2048;
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        config.Sources.Add(sourceName);
        var tracer = config.Start();
        for (var i = 0; i < 5_000; i++) source.StartActivity("op")!.Dispose();
        tracer.Dispose();

        var counters = tracer.Counters;
        output.WriteLine(counters.ToString());
        Assert.Equal(5_000, counters.SpansFinished);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(5_000, counters.SpansDroppedSendFailed);
        Assert.True(counters.SendFailures > 100, counters.ToString());
    }

    [Fact]
    public void An_agent_that_stops_mid_run_leaves_reported_equal_to_what_arrived()
    {
        var agent = new Support.UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("stopping", sourceName);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        var tracer = config.Start();
        try
        {
            for (var round = 0; round < 20; round++)
            {
                if (round == 10)
                {
                    agent.WaitForSpans(500); // read what it was sent, then it goes away: its port is closed from now on
                    agent.Dispose();
                }

                for (var i = 0; i < 50; i++) source.StartActivity("op")!.Dispose();
                Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));
            }
        }
        finally
        {
            tracer.Dispose();
            agent.Dispose();
        }

        var counters = tracer.Counters;
        var arrived = agent.Datagrams.Sum(d => Support.UdpAgent.Decode(d).Spans.Count);
        output.WriteLine($"{counters}; arrived={arrived}");
        Assert.Equal(500, arrived);
        Assert.Equal(arrived, counters.SpansReported);
        Assert.Equal(500, counters.SpansDroppedSendFailed);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
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
