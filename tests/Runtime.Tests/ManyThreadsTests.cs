using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Spans finished on many threads, including threads that end: every span arrives once, and the
/// counters add up.
/// </summary>
public sealed class ManyThreadsTests
{
    [Fact]
    public void Spans_from_hundreds_of_short_lived_threads_all_arrive_once()
    {
        using var agent = new UdpAgent();
        var sourceName = "threads." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("many-threads", sourceName);
        config.Reporter.BufferFlushInterval = TimeSpan.FromMilliseconds(20);
        var tracer = config.Start();

        const int Waves = 10, ThreadsPerWave = 30, SpansPerThread = 20;
        for (var wave = 0; wave < Waves; wave++)
        {
            var threads = Enumerable.Range(0, ThreadsPerWave).Select(t => new Thread(() =>
            {
                for (var i = 0; i < SpansPerThread; i++)
                {
                    using var span = source.StartActivity("work")!;
                    span.SetTag("n", i);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join()); // these threads are gone before the next wave
        }

        Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));
        tracer.Dispose();

        const int Total = Waves * ThreadsPerWave * SpansPerThread;
        var counters = tracer.Counters;
        Assert.Equal(Total, counters.SpansFinished);
        Assert.Equal(Total, counters.SpansReported);
        var spans = agent.WaitForSpans(Total).SelectMany(b => b.Spans).ToList();
        Assert.Equal(Total, spans.Count);
        Assert.Equal(Total, spans.Select(s => s.SpanId).Distinct().Count());
    }

    [Fact]
    public void A_thread_that_reports_to_two_tracers_in_turn_loses_nothing()
    {
        using var first = new UdpAgent();
        using var second = new UdpAgent();
        var sourceName = "threads." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var a = first.Configure("first", sourceName).Start();
        var b = second.Configure("second", sourceName).Start();

        for (var i = 0; i < 3_000; i++) source.StartActivity("both")!.Dispose();
        a.Dispose();
        for (var i = 0; i < 2_000; i++) source.StartActivity("second-only")!.Dispose();
        b.Dispose();

        Assert.Equal((3_000L, 3_000L), (a.Counters.SpansFinished, a.Counters.SpansReported));
        Assert.Equal((5_000L, 5_000L), (b.Counters.SpansFinished, b.Counters.SpansReported));
        Assert.Equal(5_000, second.WaitForSpans(5_000).Sum(x => x.Spans.Count));
    }
}
