using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Instrumentation.Runtime.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Producers far faster than the sender: a small queue overflows, the app never blocks or throws,
/// and every finished span is accounted for as reported or dropped.
/// </summary>
public sealed class QueueOverflowTests(ITestOutputHelper output)
{
    private const int Threads = 8;
    private const int SpansPerThread = 100_000;

    [Fact]
    public void A_full_queue_drops_and_counts_spans_and_every_reported_span_reaches_the_agent()
    {
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("overflow", sourceName);
        config.Reporter.MaxQueueSize = 1024;
        var tracer = config.Start();

        var clock = Stopwatch.StartNew();
        Exception? failure = null;
        using var go = new ManualResetEventSlim(false);
        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            try
            {
                go.Wait();
                for (var i = 0; i < SpansPerThread; i++) source.StartActivity("s")?.Dispose();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        go.Set();
        workers.ForEach(w => w.Join());
        var produced = clock.Elapsed;
        tracer.Dispose();
        var disposed = clock.Elapsed;

        Assert.Null(failure);
        var counters = tracer.Counters;
        Assert.Equal(Threads * SpansPerThread, counters.SpansStarted);
        Assert.Equal(Threads * SpansPerThread, counters.SpansFinished);
        Assert.True(counters.SpansDroppedQueueFull > 0, counters.ToString());
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
        Assert.Equal(0, counters.SpansDroppedSendFailed + counters.SpansDroppedTooLarge + counters.SpansDroppedInvalid);

        var arrived = Poll.Until(() => agent.Datagrams.Count >= counters.PacketsSent);
        var datagrams = agent.Datagrams;
        output.WriteLine($"{counters}; produced in {produced.TotalMilliseconds:F0} ms, disposed at {disposed.TotalMilliseconds:F0} ms; agent got {datagrams.Count} datagrams");
        Assert.True(arrived, $"the kernel dropped datagrams: the agent received {datagrams.Count} of {counters.PacketsSent}");
        Assert.Equal(counters.BytesSent, datagrams.Sum(d => (long)d.Length));
        Assert.Equal(counters.SpansReported, datagrams.Sum(d => (long)UdpAgent.Decode(d).Spans.Count));
    }
}
