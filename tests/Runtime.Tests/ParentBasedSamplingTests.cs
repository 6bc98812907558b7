using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The sampler decides only for roots: a span with a parent, remote (from propagated headers,
/// as an <see cref="ActivityContext"/> or a W3C id string) or local, follows the parent's
/// sampled flag whatever the sampler would say, and keeps the parent's trace id either way.
/// </summary>
public sealed class ParentBasedSamplingTests
{
    // A trace id the probabilistic 0.25 sampler rejects as a root (low 63 bits at the maximum),
    // and one it accepts (low bits 1).
    private const string RejectedByProbability = "4bf92f3577b34da67fffffffffffffff";
    private const string AcceptedByProbability = "4bf92f3577b34da60000000000000001";

    [Theory]
    [InlineData(SamplerTypes.Const, 0.0, null)]
    [InlineData(SamplerTypes.Probabilistic, 0.25, RejectedByProbability)]
    public void Child_of_a_sampled_remote_parent_is_sampled_and_reported_under_that_parent(string samplerType, double param, string? traceIdHex)
    {
        using var agent = new UdpAgent();
        var sourceName = "remote-sampled." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("remote-sampled", sourceName);
        config.Sampler.Type = samplerType;
        config.Sampler.Param = param;
        using var tracer = config.Start();

        var traceId = traceIdHex is null ? ActivityTraceId.CreateRandom() : ActivityTraceId.CreateFromString(traceIdHex.AsSpan());
        var remoteParent = ActivitySpanId.CreateRandom();
        var context = new ActivityContext(traceId, remoteParent, ActivityTraceFlags.Recorded, isRemote: true);
        ActivitySpanId childId;
        using (var child = source.StartActivity("handle-request", ActivityKind.Server, context))
        {
            Assert.NotNull(child);
            Assert.True(child.Recorded);
            Assert.True(child.IsAllDataRequested);
            Assert.Equal(traceId, child.TraceId);
            Assert.Equal(remoteParent, child.ParentSpanId);
            childId = child.SpanId;
        }

        tracer.Dispose();
        var span = Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans));
        Assert.Equal(traceId.ToHexString(), TraceHex(span));
        Assert.Equal(remoteParent.ToHexString(), $"{span.ParentSpanId:x16}");
        Assert.Equal(childId.ToHexString(), $"{span.SpanId:x16}");
        Assert.Equal(1, span.Flags);
        // The parent decided, not this tracer's sampler: no sampler tags.
        Assert.Null(span.Tag("sampler.type"));
        Assert.Null(span.Tag("sampler.param"));
        Assert.Equal(1, tracer.Counters.SpansReported);
    }

    [Theory]
    [InlineData(SamplerTypes.Const, 1.0, null)]
    [InlineData(SamplerTypes.Probabilistic, 0.25, AcceptedByProbability)]
    public void Child_of_an_unsampled_remote_parent_is_not_sampled_but_keeps_the_trace(string samplerType, double param, string? traceIdHex)
    {
        using var agent = new UdpAgent();
        var sourceName = "remote-unsampled." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("remote-unsampled", sourceName);
        config.Sampler.Type = samplerType;
        config.Sampler.Param = param;
        using var tracer = config.Start();

        var traceId = traceIdHex is null ? ActivityTraceId.CreateRandom() : ActivityTraceId.CreateFromString(traceIdHex.AsSpan());
        var remoteParent = ActivitySpanId.CreateRandom();
        var context = new ActivityContext(traceId, remoteParent, ActivityTraceFlags.None, isRemote: true);
        using (var child = source.StartActivity("handle-request", ActivityKind.Server, context))
        {
            // Propagation only: the ids flow on to downstream calls with the "not sampled" flag.
            Assert.NotNull(child);
            Assert.False(child.Recorded);
            Assert.Equal(traceId, child.TraceId);
            Assert.Equal(remoteParent, child.ParentSpanId);
            Assert.Equal(ActivityTraceFlags.None, child.ActivityTraceFlags);
            using var grandChild = source.StartActivity("query");
            Assert.NotNull(grandChild);
            Assert.False(grandChild.Recorded);
            Assert.Equal(traceId, grandChild.TraceId);
        }

        // A sampled span after them (remote parent with the flag) marks the end of what was sent.
        var sentinelContext = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        source.StartActivity("sentinel", ActivityKind.Server, sentinelContext)!.Dispose();
        tracer.Dispose();

        var span = Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans));
        Assert.Equal("sentinel", span.OperationName);
        Assert.Equal(1, tracer.Counters.SpansStarted);
        Assert.Equal(1, tracer.Counters.SpansReported);
    }

    [Theory]
    [InlineData(0.0, "01", true)]
    [InlineData(1.0, "00", false)]
    public void Child_of_a_w3c_parent_id_string_follows_its_sampled_flag(double constParam, string flags, bool sampled)
    {
        using var agent = new UdpAgent();
        var sourceName = "parent-id." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("parent-id", sourceName);
        config.Sampler.Type = SamplerTypes.Const;
        config.Sampler.Param = constParam;
        using var tracer = config.Start();

        var traceId = ActivityTraceId.CreateRandom();
        var remoteParent = ActivitySpanId.CreateRandom();
        var parentId = $"00-{traceId.ToHexString()}-{remoteParent.ToHexString()}-{flags}";
        using (var child = source.StartActivity("from-header", ActivityKind.Server, parentId))
        {
            Assert.NotNull(child);
            Assert.Equal(sampled, child.Recorded);
            Assert.Equal(sampled, child.IsAllDataRequested);
            Assert.Equal(traceId, child.TraceId);
            Assert.Equal(remoteParent, child.ParentSpanId);
        }

        tracer.Dispose();
        var spans = agent.WaitForSpans(sampled ? 1 : 0).SelectMany(b => b.Spans).ToList();
        if (sampled)
        {
            var span = Assert.Single(spans);
            Assert.Equal(traceId.ToHexString(), TraceHex(span));
            Assert.Equal(remoteParent.ToHexString(), $"{span.ParentSpanId:x16}");
            Assert.Null(span.Tag("sampler.type"));
        }

        Assert.Equal(sampled ? 1 : 0, tracer.Counters.SpansReported);
        Assert.Equal(sampled ? 1 : 0, tracer.Counters.PacketsSent);
    }

    [Fact]
    public void Local_children_follow_their_local_parent_and_carry_no_sampler_tags()
    {
        using var agent = new UdpAgent();
        var sourceName = "local." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("local", sourceName);
        config.Sampler.Type = SamplerTypes.Probabilistic;
        config.Sampler.Param = 0.25;

        var ids = new[] { RejectedByProbability, AcceptedByProbability }.Select(h => ActivityTraceId.CreateFromString(h.AsSpan())).ToArray();
        var next = 0;
        var previousGenerator = Activity.TraceIdGenerator;
        Activity.TraceIdGenerator = () => ids[next++];
        ActivitySpanId sampledRoot, sampledChild;
        try
        {
            using var tracer = config.Start();
            using (var root = source.StartActivity("unsampled-root"))
            {
                Assert.NotNull(root);
                Assert.False(root.Recorded);
                using var child = source.StartActivity("unsampled-child");
                Assert.NotNull(child);
                Assert.False(child.Recorded);
                Assert.False(child.IsAllDataRequested);
                Assert.Equal(root.TraceId, child.TraceId);
                Assert.Equal(root.SpanId, child.ParentSpanId);
            }

            using (var root = source.StartActivity("sampled-root"))
            {
                Assert.NotNull(root);
                Assert.True(root.Recorded);
                using var child = source.StartActivity("sampled-child");
                Assert.NotNull(child);
                Assert.True(child.Recorded);
                Assert.True(child.IsAllDataRequested);
                Assert.Equal(root.TraceId, child.TraceId);
                sampledRoot = root.SpanId;
                sampledChild = child.SpanId;
            }

            tracer.Dispose();
            Assert.Equal(2, tracer.Counters.SpansReported);
        }
        finally
        {
            Activity.TraceIdGenerator = previousGenerator;
        }

        Assert.Equal(2, next); // one new trace id per root, none for children
        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        Assert.Equal(2, spans.Count);
        var r = spans.Single(s => s.OperationName == "sampled-root");
        var c = spans.Single(s => s.OperationName == "sampled-child");
        Assert.Equal(AcceptedByProbability, TraceHex(r));
        Assert.Equal(AcceptedByProbability, TraceHex(c));
        Assert.Equal(sampledRoot.ToHexString(), $"{r.SpanId:x16}");
        Assert.Equal(sampledChild.ToHexString(), $"{c.SpanId:x16}");
        Assert.Equal(r.SpanId, c.ParentSpanId);
        Assert.Equal("probabilistic", r.Tag("sampler.type"));
        Assert.Equal(0.25, r.Tag("sampler.param"));
        Assert.Null(c.Tag("sampler.type"));
        Assert.Null(c.Tag("sampler.param"));
    }

    [Fact]
    public void Local_children_of_a_sampled_root_are_sampled_even_when_the_rate_limit_is_spent()
    {
        using var agent = new UdpAgent();
        var sourceName = "local-rate." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("local-rate", sourceName);
        config.Sampler.Type = SamplerTypes.RateLimiting;
        config.Sampler.Param = 1; // one credit, spent by the root
        using var tracer = config.Start();

        using (var root = source.StartActivity("root"))
        {
            Assert.NotNull(root);
            Assert.True(root.Recorded);
            for (var i = 0; i < 3; i++)
            {
                // Recorded alone is inherited from the parent's flags; IsAllDataRequested shows
                // the listener's own decision, which instrumentation checks before adding tags.
                using var child = source.StartActivity("child");
                Assert.NotNull(child);
                Assert.True(child.Recorded);
                Assert.True(child.IsAllDataRequested);
                using var grandChild = source.StartActivity("grandchild");
                Assert.NotNull(grandChild);
                Assert.True(grandChild.Recorded);
                Assert.True(grandChild.IsAllDataRequested);
            }
        }

        tracer.Dispose();
        var spans = agent.WaitForSpans(7).SelectMany(b => b.Spans).ToList();
        Assert.Equal(7, spans.Count);
        Assert.Single(spans.Select(TraceHex).Distinct());
        var rootSpan = spans.Single(s => s.OperationName == "root");
        Assert.Equal("ratelimiting", rootSpan.Tag("sampler.type"));
        Assert.Equal(1.0, rootSpan.Tag("sampler.param"));
        Assert.All(spans.Where(s => s.OperationName != "root"), s => Assert.Null(s.Tag("sampler.type")));
        Assert.All(spans.Where(s => s.OperationName == "child"), s => Assert.Equal(rootSpan.SpanId, s.ParentSpanId));
    }

    private static string TraceHex(JaegerSpan span) => $"{span.TraceIdHigh:x16}{span.TraceIdLow:x16}";
}
