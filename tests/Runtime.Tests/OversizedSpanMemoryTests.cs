using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>A span larger than any packet is dropped and counted, and costs no memory once it is.</summary>
public sealed class OversizedSpanMemoryTests
{
    [Fact]
    public void A_span_too_large_for_any_packet_leaves_no_memory_behind()
    {
        // Serializing it grew the scope's packet buffer and the carry buffer to its size (two copies of
        // about 8 MB here), kept for the tracer's life.
        using var agent = new UdpAgent();
        var sourceName = "oversized." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("oversized", sourceName);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        using var tracer = config.Start();
        source.StartActivity("small")!.Dispose();
        Assert.True(tracer.Flush(TimeSpan.FromSeconds(30)));
        var before = HeapBytes();

        var value = new string('x', 4000);
        using (var giant = source.StartActivity("giant")!)
        {
            for (var i = 0; i < 2000; i++) giant.SetTag("tag" + i, value);
        }

        source.StartActivity("after")!.Dispose();
        Assert.True(tracer.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, tracer.Counters.SpansDroppedTooLarge);
        Assert.Equal(2, tracer.Counters.SpansReported);
        var retained = HeapBytes() - before;
        Assert.True(retained < (2 << 20), $"{retained:N0} bytes more on the heap after the oversized span was dropped");
    }

    private static long HeapBytes() => GC.GetTotalMemory(forceFullCollection: true);
}
