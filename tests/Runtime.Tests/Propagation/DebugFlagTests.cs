using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>
/// Jaeger's debug flag (bit 2 of <c>uber-trace-id</c>): the trace is recorded whatever the sampler
/// says, its spans reach Jaeger with flags 3 (sampled and debug), and it is passed on as debug in
/// both formats. A trace without it is unchanged (flags 1).
/// </summary>
public sealed class DebugFlagTests
{
    private const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string Parent = "00f067aa0ba902b7";

    [Theory]
    [InlineData("2", 3)]
    [InlineData("3", 3)]
    [InlineData("1", 1)]
    public void The_debug_flag_is_recorded_reported_and_passed_on(string incomingFlags, int expectedFlags)
    {
        using var agent = new UdpAgent();
        using var source = new ActivitySource("debug." + Guid.NewGuid().ToString("N"));
        using var tracer = StartConst(agent, "debug-flag", source, decision: 1);

        var parent = TraceContext.Extract(new Dictionary<string, string> { ["uber-trace-id"] = $"{Trace}:{Parent}:0:{incomingFlags}" });
        var outgoing = new Dictionary<string, string>();
        using (var server = source.StartActivity("handle", ActivityKind.Server, parent)!)
        {
            Assert.True(server.Recorded);
            using var call = source.StartActivity("call", ActivityKind.Client)!;
            TraceContext.Inject(call, outgoing);
        }

        tracer.Flush(TimeSpan.FromSeconds(5));
        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(expectedFlags, s.Flags));
        Assert.EndsWith(":" + expectedFlags, outgoing["uber-trace-id"], StringComparison.Ordinal);
        Assert.Equal(expectedFlags == 3, outgoing.TryGetValue("tracestate", out var state) && state.Contains("jaeger-debug=1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_debug_trace_is_recorded_even_when_the_parent_says_not_sampled()
    {
        // Through W3C: traceparent not sampled, the debug mark in tracestate (as another service of ours passes it on).
        using var agent = new UdpAgent();
        using var source = new ActivitySource("debug-w3c." + Guid.NewGuid().ToString("N"));
        using var tracer = StartConst(agent, "debug-w3c", source, decision: 0);

        var parent = TraceContext.Extract(new Dictionary<string, string>
        {
            ["traceparent"] = $"00-{Trace}-{Parent}-00",
            ["tracestate"] = "vendor=x,jaeger-debug=1",
        });
        using (var span = source.StartActivity("handle", ActivityKind.Server, parent)!)
        {
            Assert.True(span.Recorded);
        }

        var notDebug = TraceContext.Extract(new Dictionary<string, string> { ["traceparent"] = $"00-{Trace}-{Parent}-00", ["tracestate"] = "jaeger-debug=10" });
        using (var span = source.StartActivity("other", ActivityKind.Server, notDebug))
        {
            Assert.False(span?.Recorded ?? false);
        }

        tracer.Flush(TimeSpan.FromSeconds(5));
        var spans = agent.WaitForSpans(1).SelectMany(b => b.Spans).ToList();
        Assert.Equal("handle", Assert.Single(spans).OperationName);
        Assert.Equal(3, spans[0].Flags);
    }

    [Fact]
    public void A_message_with_a_jaeger_debug_id_starts_a_debug_trace_in_its_consumer_even_under_const_0()
    {
        // What a [Traced(Kind = Consumer)] method with a [TraceContext] parameter calls (TracedMethod.StartConsumer).
        using var agent = new UdpAgent();
        using var source = new ActivitySource("debug-consumer." + Guid.NewGuid().ToString("N"));
        using var tracer = StartConst(agent, "debug-consumer", source, decision: 0);
        var receive = new TracedMethod(source, "orders receive", ActivityKind.Consumer);

        var outgoing = new Dictionary<string, string>();
        using (var span = receive.StartConsumer(new Dictionary<string, string> { ["Jaeger-Debug-Id"] = "ticket-42" })!)
        {
            Assert.True(span.Recorded);
            using var call = source.StartActivity("call", ActivityKind.Client)!;
            TraceContext.Inject(call, outgoing);
        }

        Assert.Null(receive.StartConsumer(new Dictionary<string, string> { ["other"] = "x" })); // no id: const 0 says no

        tracer.Flush(TimeSpan.FromSeconds(5));
        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        Assert.Equal(2, spans.Count);
        var root = Assert.Single(spans, s => s.OperationName == "orders receive");
        Assert.Equal(0, root.ParentSpanId);
        Assert.Equal("ticket-42", root.Tag("jaeger-debug-id"));
        Assert.All(spans, s => Assert.Equal(3, s.Flags));
        Assert.EndsWith(":3", outgoing["uber-trace-id"], StringComparison.Ordinal); // passed on as debug
    }

    /// <summary>A tracer with the const sampler (<paramref name="decision"/> 1 or 0) listening to <paramref name="source"/>, reporting to <paramref name="agent"/>.</summary>
    private static Tracer StartConst(UdpAgent agent, string serviceName, ActivitySource source, int decision)
    {
        var config = agent.Configure(serviceName, source.Name);
        config.Sampler.Type = SamplerTypes.Const;
        config.Sampler.Param = decision;
        return config.Start();
    }
}
