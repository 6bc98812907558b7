using System;
using System.Diagnostics;
using System.Net;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>AgentHost "localhost" reaches an agent bound to IPv4 loopback only (not just ::1).</summary>
public sealed class LocalhostAgentTests
{
    [Fact]
    public void Localhost_reaches_an_agent_bound_to_127_0_0_1_only()
    {
        using var agent = new UdpAgent(IPAddress.Loopback);
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("localhost-service", sourceName);
        config.Sender.AgentHost = "localhost";
        var tracer = config.Start();
        string spanId;
        using (var span = source.StartActivity("via-localhost")!) spanId = span.SpanId.ToHexString();
        tracer.Dispose();

        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("localhost-service", batch.Process.ServiceName);
        Assert.Equal(spanId, WireIds.SpanHex(Assert.Single(batch.Spans).SpanId));
        var counters = tracer.Counters;
        Assert.Equal(1, counters.SpansReported);
        Assert.Equal(0, counters.SendFailures);
        Assert.Equal(0, counters.SpansDropped);
    }
}
