using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>Dispose and Flush deliver what is queued without waiting for the flush interval.</summary>
public sealed class DisposeAndFlushTests
{
    [Fact]
    public void Dispose_sends_every_queued_span_before_it_returns()
    {
        const int count = 5_000;
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("dispose-flushes", sourceName);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        // Dispose returning before the close timeout shows it did not give up on the send; a generous
        // timeout keeps a slow, loaded machine from turning that into a race (5,000 spans take milliseconds).
        config.Reporter.CloseTimeout = TimeSpan.FromSeconds(30);
        var tracer = config.Start();

        var sent = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            using var span = source.StartActivity("op")!;
            span.SetTag("index", i);
            sent.Add(span.SpanId.ToHexString());
        }

        // Only full packets go out before a flush: the last one is still waiting.
        Assert.True(tracer.Counters.SpansReported < count);
        var clock = Stopwatch.StartNew();
        tracer.Dispose();
        Assert.True(clock.Elapsed < config.Reporter.CloseTimeout, $"Dispose took {clock.Elapsed}");

        var counters = tracer.Counters;
        Assert.Equal(count, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
        Assert.True(Poll.Until(() => agent.Datagrams.Count >= counters.PacketsSent),
            $"the agent received {agent.Datagrams.Count} of {counters.PacketsSent} datagrams");
        var received = agent.Datagrams.Select(UdpAgent.Decode).SelectMany(b => b.Spans).Select(s => WireIds.SpanHex(s.SpanId)).ToList();
        Assert.Equal(count, received.Count);
        Assert.True(sent.SetEquals(received));
    }

    [Fact]
    public void A_close_timeout_longer_than_a_wait_can_take_means_no_limit()
    {
        // Thread.Join takes at most int.MaxValue ms (24.8 days): a longer timeout made Dispose throw.
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("long-close", sourceName);
        config.Reporter.CloseTimeout = TimeSpan.FromDays(30);
        var tracer = config.Start();
        source.StartActivity("op")!.Dispose();

        tracer.Dispose();

        Assert.Equal(1, tracer.Counters.SpansReported);
        Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans));
    }

    [Fact]
    public void An_HTTP_timeout_longer_than_HttpClient_takes_means_no_limit()
    {
        // HttpClient.Timeout takes at most int.MaxValue ms: a longer one made Start throw ArgumentOutOfRangeException.
        using var collector = new HttpCollector();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("long-http-timeout") { Sources = { sourceName } };
        config.Sender.Endpoint = collector.Endpoint;
        config.Sender.HttpTimeout = TimeSpan.FromDays(30);
        var tracer = config.Start();
        source.StartActivity("op")!.Dispose();

        tracer.Dispose();

        Assert.Equal(1, tracer.Counters.SpansReported);
        Assert.Single(collector.WaitForSpans(1).SelectMany(b => b.Spans));
    }

    [Fact]
    public void Flush_delivers_queued_spans_and_the_tracer_keeps_working()
    {
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("flush", sourceName);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        var tracer = config.Start();

        // 200 small spans fill less than one 65,000-byte packet: nothing is sent before the flush.
        for (var i = 0; i < 200; i++) source.StartActivity("first")!.Dispose();
        Assert.Equal(0, tracer.Counters.PacketsSent);

        Assert.True(tracer.Flush(TimeSpan.FromSeconds(5)));
        Assert.Equal(200, tracer.Counters.SpansReported);
        Assert.Equal(200, agent.WaitForSpans(200).Sum(b => b.Spans.Count));

        for (var i = 0; i < 50; i++) source.StartActivity("second")!.Dispose();
        Assert.True(tracer.Flush(TimeSpan.FromSeconds(5)));
        Assert.Equal(250, tracer.Counters.SpansReported);
        var spans = agent.WaitForSpans(250).SelectMany(b => b.Spans).ToList();
        Assert.Equal(200, spans.Count(s => s.OperationName == "first"));
        Assert.Equal(50, spans.Count(s => s.OperationName == "second"));

        tracer.Dispose();
        Assert.Equal(250, tracer.Counters.SpansReported);
        Assert.Equal(0, tracer.Counters.SpansDropped);
    }

    [Fact]
    public void A_second_dispose_is_harmless()
    {
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var tracer = agent.Configure("dispose-twice", sourceName).Start();
        source.StartActivity("only")!.Dispose();

        tracer.Dispose();
        var afterFirst = tracer.Counters.ToString();
        tracer.Dispose();
        tracer.Flush(TimeSpan.FromSeconds(1));

        // The tracer stopped listening: new spans are not even created, nothing more is sent.
        Assert.Null(source.StartActivity("after-dispose"));
        Assert.Equal(afterFirst, tracer.Counters.ToString());
        Assert.Equal(1, tracer.Counters.SpansReported);
        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("only", Assert.Single(batch.Spans).OperationName);
        Assert.Single(agent.Datagrams);
    }
}
