using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// A queue larger than the cache-resident ring in front of it (8,192 slots) keeps what does not fit
/// there in its second tier: those spans are sent like the others, or counted as dropped when a close
/// gives up, and the counters add up either way. The second tier is reached here deterministically:
/// while the reporter is held up, a tag's ToString() ends thousands of spans in the middle of its own
/// span's serialization on the app thread, so they cannot take that thread's lane and are queued.
/// </summary>
public sealed class TieredQueueTests
{
    private const int QueueSize = 1 << 14;
    private const int Nested = 12_000; // with the spans before them, more than the 8,192-slot ring holds

    [Fact]
    public void Spans_that_overflow_the_small_ring_are_all_sent()
    {
        using var agent = new UdpAgent();
        using var source = new ActivitySource("tiers." + Guid.NewGuid().ToString("N"));
        var config = agent.Configure("tiers", source.Name);
        config.Reporter.MaxQueueSize = QueueSize;
        var tracer = config.Start();

        var total = FillBothTiers(source, out var gate);
        gate.Release.Set();
        tracer.Dispose();
        gate.Dispose();

        var counters = tracer.Counters;
        Assert.Equal(total, counters.SpansFinished);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(total, counters.SpansReported);
        var spans = agent.WaitForSpans(total).SelectMany(b => b.Spans).ToList();
        Assert.Equal(total, spans.Count);
        Assert.Equal(Nested, spans.Count(s => s.OperationName == "nested"));
        Assert.Equal(total, spans.Select(s => s.SpanId).Distinct().Count());
    }

    [Fact]
    public void A_close_that_gives_up_counts_both_tiers_as_dropped_on_close()
    {
        using var agent = new UdpAgent();
        using var source = new ActivitySource("tiers." + Guid.NewGuid().ToString("N"));
        var config = agent.Configure("tiers-close", source.Name);
        config.Reporter.MaxQueueSize = QueueSize;
        config.Reporter.CloseTimeout = TimeSpan.FromMilliseconds(200);
        var tracer = config.Start();

        var total = FillBothTiers(source, out var gate);
        tracer.Dispose();
        var counters = tracer.Counters;
        gate.Dispose(); // the reporter thread goes on and must send nothing more

        Assert.Equal(total, counters.SpansFinished);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(total, counters.SpansDroppedOnClose);
        Assert.False(Poll.Until(() => agent.Datagrams.Count > 0, 500), "a datagram left after the close gave up");
    }

    /// <summary>Holds the reporter, falls behind, then ends <see cref="Nested"/> spans inside one span's serialization; returns how many spans ended.</summary>
    private static int FillBothTiers(ActivitySource source, out ReporterGate gate)
    {
        gate = new ReporterGate();
        source.StartActivity("gate")!.SetTag("gate", gate).Dispose();
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(30)), "the reporter never serialized the gate span");
        const int Fillers = 6_000; // past the 4,096 waiting that mark the reporter behind
        for (var i = 0; i < Fillers; i++) source.StartActivity("filler")!.Dispose();
        using (var outer = source.StartActivity("outer")!)
        {
            outer.SetTag("nested", new EndsSpans(source, Nested));
        }

        return 1 + Fillers + 1 + Nested;
    }

    /// <summary>A tag value whose ToString() ends <paramref name="count"/> spans of the same source.</summary>
    private sealed class EndsSpans(ActivitySource source, int count)
    {
        public override string ToString()
        {
            for (var i = 0; i < count; i++) source.StartActivity("nested")?.Dispose();
            return "done";
        }
    }
}
