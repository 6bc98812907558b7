using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>An app with many activity sources: each source's spans still share packets.</summary>
public sealed class ManySourcesTests
{
    [Fact]
    public void Spans_of_a_hundred_sources_used_in_turn_share_packets_per_source()
    {
        // Past 64 sources every packet was sent and the scopes forgotten: used in turn, each span went
        // out in a packet of its own (and a busy app then dropped spans from the full queue).
        const int sources = 100, rounds = 20;
        using var agent = new UdpAgent();
        var prefix = "many." + Guid.NewGuid().ToString("N") + ".";
        var config = agent.Configure("many-sources", prefix + "*");
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        var tracer = config.Start();
        var all = Enumerable.Range(0, sources).Select(i => new ActivitySource(prefix + i)).ToList();
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                foreach (var source in all) source.StartActivity("op")!.Dispose();
            }

            tracer.Dispose();
        }
        finally
        {
            all.ForEach(s => s.Dispose());
        }

        var counters = tracer.Counters;
        Assert.Equal(sources * rounds, counters.SpansReported);
        Assert.Equal(sources, counters.PacketsSent); // one per source: its 20 small spans fit in one
        var batches = agent.WaitForSpans(sources * rounds);
        Assert.All(batches, b => Assert.Equal(rounds, b.Spans.Count));
        Assert.Equal(sources, batches.Select(b => b.Process.Tag("otel.scope.name")).Distinct().Count());
    }
}
