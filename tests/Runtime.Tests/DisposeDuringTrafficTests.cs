using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Instrumentation.Runtime.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Disposing while other threads are still finishing spans: no exception reaches them, and every
/// span the tracer saw finish is reported or counted as dropped, none silently lost.
/// </summary>
public sealed class DisposeDuringTrafficTests(ITestOutputHelper output)
{
    private const int Rounds = 20;
    private const int Threads = 8;

    [Theory]
    [InlineData(1024)]                                      // a small queue, often full
    [InlineData(ReporterConfiguration.DefaultMaxQueueSize)] // the default, never full here
    public void Spans_finishing_while_the_tracer_is_disposed_are_all_accounted_for(int queueSize)
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var agent = new UdpAgent();
            var sourceName = "x." + Guid.NewGuid().ToString("N");
            using var source = new ActivitySource(sourceName);
            var config = agent.Configure("dispose-under-load", sourceName);
            config.Reporter.MaxQueueSize = queueSize;
            var tracer = config.Start();

            var stop = 0;
            Exception? failure = null;
            var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
            {
                try
                {
                    while (Volatile.Read(ref stop) == 0) source.StartActivity("s")?.Dispose();
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            Assert.True(Poll.Until(() => tracer.Counters.SpansFinished > 5_000), "no traffic");

            tracer.Dispose();
            Volatile.Write(ref stop, 1);
            workers.ForEach(w => w.Join());

            Assert.Null(failure);
            var counters = tracer.Counters;
            Assert.True(counters.SpansFinished == counters.SpansReported + counters.SpansDropped, $"round {round}: {counters}");
            Assert.True(Poll.Until(() => agent.Datagrams.Count >= counters.PacketsSent), $"round {round}: kernel dropped datagrams");
            Assert.Equal(counters.BytesSent, agent.Datagrams.Sum(d => (long)d.Length));
            output.WriteLine($"round {round}: {counters}");
        }
    }
}
