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
    private const int QueueSize = 1024;
    private const int MaxSpansPerThread = 100_000;

    /// <summary>
    /// About 150 bytes of UDP payload per span here, with room for the kernel's per-datagram overhead.
    /// Every span the producers make (reported or not) fits the agent's kernel buffer, so no datagram
    /// can be lost however long the agent's thread waits for a core on a loaded machine.
    /// </summary>
    private const int BufferBytesPerSpan = 200;

    [Fact]
    public void A_full_queue_drops_and_counts_spans_and_every_reported_span_reaches_the_agent()
    {
        using var agent = new UdpAgent();
        var spansPerThread = (int)Math.Min(MaxSpansPerThread, agent.ReceiveBufferBytes / BufferBytesPerSpan / Threads);
        Assert.True(spansPerThread * Threads > 2 * QueueSize, $"the agent's receive buffer ({agent.ReceiveBufferBytes} bytes) is too small for this test");
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("overflow", sourceName);
        config.Reporter.MaxQueueSize = QueueSize;
        var tracer = config.Start();

        // The reporter thread serializes tags: a tag whose ToString() waits holds it while the producers
        // start, so the queue fills however the threads are scheduled. It is let go once spans were
        // dropped, and drains while the producers keep going.
        using var gate = new ReporterGate();
        source.StartActivity("gate")!.SetTag("gate", gate).Dispose();
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(30)), "the reporter never serialized the gate span");

        var clock = Stopwatch.StartNew();
        Exception? failure = null;
        using var go = new ManualResetEventSlim(false);
        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            try
            {
                go.Wait();
                for (var i = 0; i < spansPerThread; i++) source.StartActivity("s")?.Dispose();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        go.Set();
        var overflowed = Poll.Until(() => tracer.Counters.SpansDroppedQueueFull > 0, 30_000);
        gate.Release.Set();
        workers.ForEach(w => w.Join());
        var produced = clock.Elapsed;
        tracer.Dispose();
        var disposed = clock.Elapsed;

        Assert.Null(failure);
        var counters = tracer.Counters;
        Assert.True(overflowed, counters.ToString());
        var spans = Threads * spansPerThread + 1;
        Assert.Equal(spans, counters.SpansStarted);
        Assert.Equal(spans, counters.SpansFinished);
        Assert.True(counters.SpansDroppedQueueFull > 0, counters.ToString());
        Assert.True(counters.SpansReported > QueueSize, counters.ToString()); // what was queued behind the gate was sent
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
        Assert.Equal(0, counters.SpansDroppedSendFailed + counters.SpansDroppedTooLarge + counters.SpansDroppedInvalid);

        var arrived = Poll.Until(() => agent.Datagrams.Count >= counters.PacketsSent, 30_000);
        var datagrams = agent.Datagrams;
        output.WriteLine($"{counters}; {spansPerThread} spans per thread, buffer {agent.ReceiveBufferBytes} bytes; produced in {produced.TotalMilliseconds:F0} ms, disposed at {disposed.TotalMilliseconds:F0} ms; agent got {datagrams.Count} datagrams");
        Assert.True(arrived, $"the agent received {datagrams.Count} of {counters.PacketsSent} datagrams");
        Assert.True(counters.BytesSent <= agent.ReceiveBufferBytes, $"{counters.BytesSent} bytes sent, more than the agent's buffer holds");
        Assert.Equal(counters.BytesSent, datagrams.Sum(d => (long)d.Length));
        Assert.Equal(counters.SpansReported, datagrams.Sum(d => (long)UdpAgent.Decode(d).Spans.Count));
    }
}
