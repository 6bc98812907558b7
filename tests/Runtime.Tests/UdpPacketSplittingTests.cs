using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>Many spans over UDP are split into datagrams within the packet limit; each span arrives exactly once.</summary>
public sealed class UdpPacketSplittingTests
{
    private const int Count = 10_000;

    [Fact]
    public void Ten_thousand_spans_fit_the_default_65000_byte_limit_and_arrive_once()
    {
        Run(maxPacketSize: null, limit: 65_000);
    }

    [Fact]
    public void Ten_thousand_spans_fit_a_configured_2000_byte_limit_and_arrive_once()
    {
        Run(maxPacketSize: 2_000, limit: 2_000);
    }

    private static void Run(int? maxPacketSize, int limit)
    {
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("splitting", sourceName);
        if (maxPacketSize is { } size) config.Reporter.MaxPacketSize = size;
        var tracer = config.Start();

        var sent = new HashSet<string>();
        for (var i = 0; i < Count; i++)
        {
            using var span = source.StartActivity("op")!;
            span.SetTag("index", i);
            span.SetTag("order", "order-" + i);
            sent.Add(span.SpanId.ToHexString());
        }

        tracer.Dispose();
        var counters = tracer.Counters;
        Assert.True(Poll.Until(() => agent.Datagrams.Count >= counters.PacketsSent),
            $"the agent received {agent.Datagrams.Count} of {counters.PacketsSent} datagrams (dropped by the kernel?)");

        var datagrams = agent.Datagrams;
        Assert.True(datagrams.Count > 1);
        Assert.All(datagrams, d => Assert.True(d.Length <= limit, $"a {d.Length}-byte datagram exceeds {limit}"));
        var received = datagrams.Select(UdpAgent.Decode).SelectMany(b => b.Spans).Select(s => WireIds.SpanHex(s.SpanId)).ToList();
        Assert.Equal(Count, received.Count);
        Assert.Equal(sent.OrderBy(x => x, StringComparer.Ordinal), received.OrderBy(x => x, StringComparer.Ordinal));

        Assert.Equal(Count, counters.SpansFinished);
        Assert.Equal(Count, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(datagrams.Count, counters.PacketsSent);
        Assert.Equal(datagrams.Sum(d => (long)d.Length), counters.BytesSent);
    }
}
