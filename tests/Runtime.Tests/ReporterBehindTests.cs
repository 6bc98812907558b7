using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// A reporter that falls far behind (held up here by a tag whose ToString() waits): app threads
/// then serialize their own spans, so a queue of a given size keeps as many spans again without
/// holding their Activities, and those spans reach the agent or collector exactly as the reporter
/// would have written them, at the next flush or at close.
/// </summary>
public sealed class ReporterBehindTests(ITestOutputHelper output)
{
    private const int QueueSize = 4096;
    private const int Spans = 3 * QueueSize / 2; // more than the queue holds, fewer than queue and lanes

    [Fact]
    public void Spans_beyond_a_held_up_queue_are_not_dropped_and_arrive_intact_over_UDP()
    {
        using var agent = new UdpAgent();
        using var source = NewSource();
        var tracer = Start(agent, "behind", source);

        var expected = HoldUpReporterAndFinish(source, Spans, release: true, out var gate);
        tracer.Dispose();
        gate.Dispose();

        var counters = tracer.Counters;
        output.WriteLine(counters.ToString());
        Assert.Equal(Spans + 1, counters.SpansFinished);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(Spans + 1, counters.SpansReported);
        var batches = agent.WaitForSpans(Spans + 1);
        Assert.All(batches, b => Assert.Equal(source.Name, b.Process.Tag("otel.scope.name")));
        AssertArrivedAsFinished(expected, batches.SelectMany(b => b.Spans).ToList());
    }

    [Fact]
    public void Spans_beyond_a_held_up_queue_arrive_intact_at_an_HTTP_collector()
    {
        using var collector = new HttpCollector();
        using var source = NewSource();
        var config = new TracerConfiguration("behind-http") { Sources = { source.Name } };
        config.Sender.Endpoint = collector.Endpoint;
        config.Reporter.MaxQueueSize = QueueSize;
        var tracer = config.Start();

        var expected = HoldUpReporterAndFinish(source, Spans, release: true, out var gate);
        tracer.Dispose();
        gate.Dispose();

        var counters = tracer.Counters;
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(Spans + 1, counters.SpansReported);
        AssertArrivedAsFinished(expected, collector.WaitForSpans(Spans + 1).SelectMany(b => b.Spans).ToList());
    }

    [Fact]
    public void A_close_that_gives_up_on_a_held_up_reporter_counts_every_span_as_dropped_on_close()
    {
        using var agent = new UdpAgent();
        using var source = NewSource();
        var tracer = Start(agent, "behind-close", source, closeTimeoutMs: 300);

        HoldUpReporterAndFinish(source, Spans, release: false, out var gate);
        var clock = Stopwatch.StartNew();
        tracer.Dispose();
        var closed = clock.Elapsed;
        var counters = tracer.Counters;
        gate.Dispose(); // the reporter thread goes on and must send nothing more

        Assert.True(closed < TimeSpan.FromSeconds(5), $"Dispose took {closed}");
        Assert.Equal(Spans + 1, counters.SpansFinished);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(Spans + 1, counters.SpansDroppedOnClose);
        Assert.False(Poll.Until(() => agent.Datagrams.Count > 0, 500), "a datagram left after the close gave up");
        Assert.Equal(counters.ToString(), tracer.Counters.ToString());
    }

    [Fact]
    public void A_span_still_being_serialized_on_its_thread_when_the_close_gives_up_is_counted_once()
    {
        using var agent = new UdpAgent();
        using var source = NewSource();
        var tracer = Start(agent, "behind-sealed", source, closeTimeoutMs: 200);

        using var reporterGate = FallBehind(source);

        // Behind now: this thread serializes its own span, and waits inside it while the tracer closes.
        using var appGate = new ReporterGate();
        var app = new System.Threading.Thread(() => source.StartActivity("slow")!.SetTag("slow", appGate).Dispose());
        app.Start();
        Assert.True(appGate.Entered.Wait(TimeSpan.FromSeconds(30)), "the app thread never serialized its span");
        tracer.Dispose();
        appGate.Release.Set();
        app.Join();

        var counters = tracer.Counters;
        Assert.Equal(QueueSize + 2, counters.SpansFinished);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
    }

    [Fact]
    public void A_tag_that_ends_a_span_while_its_own_span_is_serialized_on_the_app_thread_loses_neither()
    {
        using var agent = new UdpAgent();
        using var source = NewSource();
        var tracer = Start(agent, "behind-nested", source);

        using var gate = FallBehind(source);
        // The reporter is far behind now, so this span is serialized on this thread, and its tag's
        // ToString() ends a span of the same source in the middle of that.
        using (var outer = source.StartActivity("outer")!)
        {
            outer.SetTag("nested", new EndsASpan(source));
        }

        gate.Release.Set();
        tracer.Dispose();

        var counters = tracer.Counters;
        Assert.Equal(QueueSize + 3, counters.SpansReported);
        var spans = agent.WaitForSpans(QueueSize + 3).SelectMany(b => b.Spans).ToList();
        Assert.Equal("made inside", spans.Single(s => s.OperationName == "outer").Tag("nested"));
        Assert.Single(spans, s => s.OperationName == "inner");
    }

    [Fact]
    public void The_memory_a_burst_serialized_into_on_app_threads_is_given_back_once_the_burst_is_over()
    {
        using var agent = new UdpAgent();
        using var source = NewSource();
        var config = agent.Configure("behind-trim", source.Name);
        config.Reporter.MaxQueueSize = QueueSize;
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1); // flushes come from Flush() alone
        using var tracer = config.Start();

        const int large = 1500;
        using (var gate = FallBehind(source, wake: tracer))
        {
            // Behind: this thread serializes these itself, about 1.5 MB into its stripe's buffer.
            var payload = new string('x', 1000);
            for (var i = 0; i < large; i++) source.StartActivity("large")!.SetTag("payload", payload).Dispose();
            gate.Release.Set();
        }

        // The flush FallBehind asked for sends the burst (the stripe was used since the flush before).
        Assert.True(Poll.Until(() => tracer.Counters.SpansReported == QueueSize + 1 + large, 30_000), tracer.Counters.ToString());
        agent.WaitForSpans(QueueSize + 1 + large); // the stand-in agent keeps every datagram
        var afterBurst = HeapBytes();

        // A flush that finds the stripe idle since the one before gives its buffers back.
        Assert.True(tracer.Flush(TimeSpan.FromSeconds(30)), "the second flush timed out");
        var afterIdleFlush = HeapBytes();
        Assert.True(afterIdleFlush < afterBurst - (1 << 20), $"the heap went from {afterBurst:N0} to {afterIdleFlush:N0} bytes over a flush with no span");
    }

    private static long HeapBytes() => GC.GetTotalMemory(forceFullCollection: true);

    private static ActivitySource NewSource() => new("behind." + Guid.NewGuid().ToString("N"), "2.1");

    private static Tracer Start(UdpAgent agent, string service, ActivitySource source, int? closeTimeoutMs = null)
    {
        var config = agent.Configure(service, source.Name);
        config.Reporter.MaxQueueSize = QueueSize;
        if (closeTimeoutMs is { } ms) config.Reporter.CloseTimeout = TimeSpan.FromMilliseconds(ms);
        return config.Start();
    }

    /// <summary>
    /// Holds the reporter thread in a tag's ToString() and finishes a queue's worth of spans: the
    /// reporter is far behind, so the next spans are serialized on the thread that ends them.
    /// </summary>
    private static ReporterGate FallBehind(ActivitySource source, Tracer? wake = null)
    {
        var gate = new ReporterGate();
        source.StartActivity("gate")!.SetTag("gate", gate).Dispose();
        wake?.Flush(TimeSpan.Zero); // a reporter with a long flush interval is not woken by one span
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(30)), "the reporter never serialized the gate span");
        for (var i = 0; i < QueueSize; i++) source.StartActivity("filler")!.Dispose();
        return gate;
    }

    /// <summary>
    /// Holds the reporter thread in a tag's ToString(), then finishes <paramref name="count"/> spans
    /// of several shapes (tags of each type, an event, a link, an error, a child) on this thread.
    /// </summary>
    private static List<Finished> HoldUpReporterAndFinish(ActivitySource source, int count, bool release, out ReporterGate gate)
    {
        gate = new ReporterGate();
        source.StartActivity("gate")!.SetTag("gate", gate).Dispose();
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(30)), "the reporter never serialized the gate span");

        var finished = new List<Finished>(count + 1) { new("gate", null, null, null) };
        Activity? parent = null;
        for (var i = 0; i < count; i++)
        {
            var span = i % 10 == 0
                ? source.StartActivity("root", ActivityKind.Server, default(ActivityContext), links: [new ActivityLink(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded))])!
                : source.StartActivity("child", ActivityKind.Internal, parent!.Context)!;
            span.SetTag("order.id", i);
            span.SetTag("http.method", "GET");
            span.SetTag("ratio", i / 4.0);
            span.SetTag("flag", i % 2 == 0);
            if (i % 7 == 0) span.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = i }));
            if (i % 13 == 0) span.SetStatus(ActivityStatusCode.Error, "failed " + i);
            span.Stop();
            if (i % 10 == 0) parent = span;
            finished.Add(new(span.DisplayName, span.SpanId.ToHexString(), span.ParentSpanId == default ? null : span.ParentSpanId.ToHexString(), i));
        }

        if (release) gate.Release.Set();
        return finished;
    }

    private static void AssertArrivedAsFinished(List<Finished> expected, List<JaegerSpan> arrived)
    {
        Assert.Equal(expected.Count, arrived.Count);
        var byId = arrived.ToDictionary(s => WireIds.SpanHex(s.SpanId));
        foreach (var span in expected.Where(e => e.SpanId is not null))
        {
            Assert.True(byId.TryGetValue(span.SpanId!, out var got), $"span {span.SpanId} ({span.Name} #{span.Index}) never arrived");
            var i = span.Index!.Value;
            Assert.Equal(span.Name, got.OperationName);
            Assert.Equal(span.ParentId is null ? 0 : Convert.ToInt64(span.ParentId, 16), got.ParentSpanId);
            Assert.Equal((long)i, got.Tag("order.id"));
            Assert.Equal("GET", got.Tag("http.method"));
            Assert.Equal(i / 4.0, got.Tag("ratio"));
            Assert.Equal(i % 2 == 0, got.Tag("flag"));
            Assert.Equal(i % 10 == 0 ? "server" : null, got.Tag("span.kind"));
            Assert.Equal(i % 10 == 0 ? 1 : 0, got.References.Count);
            Assert.Equal(i % 7 == 0 ? 1 : 0, got.Logs.Count);
            Assert.Equal(i % 13 == 0 ? true : null, got.Tag("error"));
            Assert.Equal(i % 13 == 0 ? "failed " + i : null, got.Tag("otel.status_description"));
            Assert.True(got.Duration >= 0 && got.StartTime > 0);
        }
    }

    private sealed record Finished(string Name, string? SpanId, string? ParentId, int? Index);

    /// <summary>A tag value whose ToString() starts and ends a span of the same source.</summary>
    private sealed class EndsASpan(ActivitySource source)
    {
        public override string ToString()
        {
            source.StartActivity("inner")?.Dispose();
            return "made inside";
        }
    }
}
