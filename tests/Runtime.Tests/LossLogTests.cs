using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Losses app threads only count (a full queue, a tag value whose text could not be had) reach the
/// log too, as a down agent's do: the reporter says them at its next flush.
/// </summary>
public sealed class LossLogTests
{
    [Fact]
    public void Spans_a_full_queue_dropped_and_tags_whose_ToString_threw_are_logged()
    {
        using var agent = new UdpAgent();
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = provider.CreateFactory();
        var sourceName = "losses." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("losses", sourceName);
        config.Reporter.MaxQueueSize = 16;
        config.Reporter.ErrorLogInterval = TimeSpan.Zero; // every line, so both are seen
        config.LoggerFactory = loggerFactory;
        var tracer = config.Start();

        using (var gate = new ReporterGate())
        {
            // The reporter is held in this span's tag; the queue and this thread's buffer fill, then spans are dropped.
            source.StartActivity("gate")!.SetTag("gate", gate).Dispose();
            Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(30)), "the reporter never serialized the gate span");
            for (var i = 0; i < 200; i++) source.StartActivity("filler")!.Dispose();
            Assert.True(tracer.Counters.SpansDroppedQueueFull > 0, tracer.Counters.ToString());
        }

        Assert.True(tracer.Flush(TimeSpan.FromSeconds(30)), "the flush after the reporter was let go timed out");
        source.StartActivity("bad tag")!.SetTag("value", new ThrowingToString()).Dispose();
        tracer.Dispose();

        var counters = tracer.Counters;
        Assert.Equal(1, counters.BadTagValues);
        var lines = provider.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(lines, l => l.Contains($"{counters.SpansDroppedQueueFull} spans dropped: the queue of 16 was full", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("1 tag values had a ToString() that threw", StringComparison.Ordinal));
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }
}
