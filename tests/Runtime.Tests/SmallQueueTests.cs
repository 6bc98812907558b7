using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

public sealed class SmallQueueTests
{
    [Fact]
    public void A_small_queue_is_drained_before_it_fills_when_spans_arrive_in_paced_bursts()
    {
        using var agent = new UdpAgent();
        var sourceName = "small." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("small-queue", sourceName);
        config.Reporter.MaxQueueSize = 100; // Jaeger's classic default (128 slots)
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1); // only wake-ups can drain it
        var tracer = config.Start();

        // 40 rounds of 60 spans: each round alone fits the queue, all of them together (2,400) do not.
        // The pause is the load's shape (bursts), not a wait for spans.
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < 60; i++) source.StartActivity("burst")!.Dispose();
            Thread.Sleep(25);
        }

        tracer.Dispose();
        var counters = tracer.Counters;
        Assert.Equal(0, counters.SpansDroppedQueueFull);
        Assert.Equal(2400, counters.SpansReported);
        Assert.Equal(2400, agent.WaitForSpans(2400).Sum(b => b.Spans.Count));
    }
}
