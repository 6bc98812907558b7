using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The sampler's decision for root spans (no parent): const 1 samples all, const 0 none,
/// probabilistic a fraction decided from the trace id as Jaeger clients do, ratelimiting at most
/// a number per second. Sampled roots carry <c>sampler.type</c> and <c>sampler.param</c>.
/// </summary>
public sealed class RootSamplerTests
{
    [Fact]
    public void Const_1_samples_every_root_and_tags_it_with_the_sampler()
    {
        using var agent = new UdpAgent();
        var sourceName = "const1." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("const-one", sourceName);
        config.Sampler.Type = SamplerTypes.Const;
        config.Sampler.Param = 1;
        using var tracer = config.Start();

        const int roots = 300;
        var traceIds = new HashSet<string>();
        for (var i = 0; i < roots; i++)
        {
            using var root = source.StartActivity("root");
            Assert.NotNull(root);
            Assert.True(root.Recorded);
            traceIds.Add(root.TraceId.ToHexString());
        }

        tracer.Dispose();
        var spans = agent.WaitForSpans(roots).SelectMany(b => b.Spans).ToList();

        Assert.Equal(roots, spans.Count);
        Assert.Equal(traceIds, spans.Select(TraceHex).ToHashSet());
        Assert.All(spans, span =>
        {
            Assert.Equal(1, span.Flags);
            Assert.Equal(0, span.ParentSpanId);
            Assert.Equal("const", span.Tag("sampler.type"));
            var param = span.Tags.Single(t => t.Key == "sampler.param");
            Assert.Equal(2, param.Type); // BOOL
            Assert.Equal(true, param.Value);
        });
        var counters = tracer.Counters;
        Assert.Equal(roots, counters.SpansStarted);
        Assert.Equal(roots, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
    }

    [Fact]
    public void Const_0_creates_no_root_activity_and_sends_nothing()
    {
        using var agent = new UdpAgent();
        var sourceName = "const0." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("const-zero", sourceName);
        config.Sampler.Type = SamplerTypes.Const;
        config.Sampler.Param = 0;
        using var tracer = config.Start();

        Assert.True(source.HasListeners()); // the tracer listens, and still says no
        for (var i = 0; i < 300; i++)
        {
            Assert.Null(source.StartActivity("root", ActivityKind.Server));
        }

        Assert.True(tracer.Flush(TimeSpan.FromSeconds(5)));
        tracer.Dispose();

        var counters = tracer.Counters;
        Assert.Equal(0, counters.SpansStarted);
        Assert.Equal(0, counters.SpansFinished);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(0, counters.PacketsSent);
        Assert.Empty(agent.Datagrams);
    }

    [Fact]
    public void Probabilistic_samples_the_configured_fraction_by_jaegers_trace_id_rule()
    {
        const double rate = 0.25;
        const int roots = 20_000;
        using var agent = new UdpAgent();
        var sourceName = "prob." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("probabilistic", sourceName);
        config.Sampler.Type = SamplerTypes.Probabilistic;
        config.Sampler.Param = rate;
        using var tracer = config.Start();

        var sampled = new HashSet<string>();
        var disagreements = new List<string>();
        for (var i = 0; i < roots; i++)
        {
            // An unsampled root still exists (propagation only) so its trace id reaches children.
            using var root = source.StartActivity("root");
            Assert.NotNull(root);
            if (root.Recorded) sampled.Add(root.TraceId.ToHexString());
            if (root.Recorded != JaegerSamples(root.TraceId, rate)) disagreements.Add(root.TraceId.ToHexString());
        }

        tracer.Dispose();

        Assert.Empty(disagreements);
        // Binomial(20000, 0.25): mean 5000, sigma ~61; five sigma cannot flake in practice.
        var sigma = Math.Sqrt(roots * rate * (1 - rate));
        Assert.InRange(sampled.Count, roots * rate - (5 * sigma), roots * rate + (5 * sigma));

        var spans = agent.WaitForSpans(sampled.Count).SelectMany(b => b.Spans).ToList();
        Assert.Equal(sampled, spans.Select(TraceHex).ToHashSet());
        Assert.Equal(sampled.Count, spans.Count);
        Assert.All(spans, span =>
        {
            Assert.Equal("probabilistic", span.Tag("sampler.type"));
            var param = span.Tags.Single(t => t.Key == "sampler.param");
            Assert.Equal(1, param.Type); // DOUBLE
            Assert.Equal(rate, param.Value);
        });
        Assert.Equal(sampled.Count, tracer.Counters.SpansReported);
        Assert.Equal(0, tracer.Counters.SpansDropped);
    }

    // Boundary for 0.25 is 2^61: the low 63 bits of the id's low half decide; its top bit and the
    // high half do not.
    [Theory]
    [InlineData("00000000000000001fffffffffffffff", true)]
    [InlineData("00000000000000002000000000000000", false)]
    [InlineData("00000000000000000000000000000001", true)]
    [InlineData("ffffffffffffffff9fffffffffffffff", true)]
    [InlineData("4bf92f3577b34da6a000000000000000", false)]
    [InlineData("4bf92f3577b34da67fffffffffffffff", false)]
    [InlineData("4bf92f3577b34da60123456789abcdef", true)]
    public void Probabilistic_decision_is_the_same_for_the_same_trace_id(string traceIdHex, bool expected)
    {
        var traceId = ActivityTraceId.CreateFromString(traceIdHex.AsSpan());
        Assert.Equal(expected, JaegerSamples(traceId, 0.25));

        using var agent = new UdpAgent();
        var sourceName = "prob-id." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var previousGenerator = Activity.TraceIdGenerator;
        Activity.TraceIdGenerator = () => traceId;
        var decisions = new List<bool>();
        try
        {
            // Two independent tracers (as two services would be) decide each root alike.
            for (var run = 0; run < 2; run++)
            {
                var config = agent.Configure("prob-id", sourceName);
                config.Sampler.Type = SamplerTypes.Probabilistic;
                config.Sampler.Param = 0.25;
                using var tracer = config.Start();
                for (var i = 0; i < 3; i++)
                {
                    using var root = source.StartActivity("root");
                    Assert.NotNull(root);
                    Assert.Equal(traceId, root.TraceId);
                    decisions.Add(root.Recorded);
                }

                tracer.Dispose();
                Assert.Equal(expected ? 3 : 0, tracer.Counters.SpansReported);
            }
        }
        finally
        {
            Activity.TraceIdGenerator = previousGenerator;
        }

        Assert.All(decisions, decision => Assert.Equal(expected, decision));
        var spans = agent.WaitForSpans(expected ? 6 : 0).SelectMany(b => b.Spans).ToList();
        Assert.Equal(expected ? 6 : 0, spans.Count);
        Assert.All(spans, span => Assert.Equal(traceIdHex, TraceHex(span)));
    }

    [Fact]
    public void Ratelimiting_samples_no_more_than_the_rate_allows()
    {
        const double perSecond = 5;
        using var agent = new UdpAgent();
        var sourceName = "rate." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("ratelimiting", sourceName);
        config.Sampler.Type = SamplerTypes.RateLimiting;
        config.Sampler.Param = perSecond;

        var sinceStart = Stopwatch.StartNew();
        using var tracer = config.Start();
        var loop = Stopwatch.StartNew();
        long roots = 0, sampled = 0;
        TimeSpan? bucketSpentAt = null;
        while (true)
        {
            // The loop ends on what happened, not on a fixed window a loaded machine may spend elsewhere:
            // after at least 1,000 roots (far more than the rate allows) and a root started a full second
            // after the initial bucket was spent, by which time 5 more credits have accrued.
            var refilled = bucketSpentAt is { } spent && loop.Elapsed - spent >= TimeSpan.FromSeconds(1);
            if ((refilled && roots >= 1000) || loop.Elapsed > TimeSpan.FromSeconds(30)) break;
            using var root = source.StartActivity("root");
            Assert.NotNull(root);
            roots++;
            if (root.Recorded && ++sampled == (long)perSecond) bucketSpentAt = loop.Elapsed;
        }

        var elapsed = sinceStart.Elapsed.TotalSeconds;
        tracer.Dispose();

        // A full bucket of max(5, 1) credits at start plus 5 per second after (the elapsed time is
        // measured around the sampler's whole life, so the upper bound holds however slow the loop);
        // at least one credit accrued in the second after the initial five were spent.
        Assert.True(bucketSpentAt is not null, $"the sampler never sampled {perSecond} roots; {sampled} of {roots} in {elapsed:F1} s");
        Assert.InRange(sampled, (long)perSecond + 1, (long)Math.Floor(Math.Max(perSecond, 1) + (elapsed * perSecond)) + 1);

        var spans = agent.WaitForSpans((int)sampled).SelectMany(b => b.Spans).ToList();
        Assert.Equal(sampled, spans.Count);
        Assert.All(spans, span =>
        {
            Assert.Equal("ratelimiting", span.Tag("sampler.type"));
            var param = span.Tags.Single(t => t.Key == "sampler.param");
            Assert.Equal(1, param.Type); // DOUBLE
            Assert.Equal(perSecond, param.Value);
        });
        Assert.Equal(sampled, tracer.Counters.SpansStarted);
    }

    [Fact]
    public void Ratelimiting_keeps_reporting_new_traces_after_70_000_roots_that_never_end()
    {
        using var agent = new UdpAgent();
        var sourceName = "rate-leak." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("ratelimiting-leak", sourceName);
        config.Sampler.Type = SamplerTypes.RateLimiting;
        config.Sampler.Param = 1e9; // every root: the point is what the sampler remembers
        using var tracer = config.Start();

        var leaked = new List<Activity>(70_000); // started, never stopped (an app bug the tracer must survive)
        for (var i = 0; i < 70_000; i++)
        {
            leaked.Add(source.StartActivity("leaked")!);
            Activity.Current = null;
        }

        using (var root = source.StartActivity("after-the-leak")!)
        {
            source.StartActivity("child")!.Dispose();
        }

        Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));
        var names = agent.WaitForSpans(2).SelectMany(b => b.Spans).Select(s => s.OperationName).ToList();
        Assert.Contains("after-the-leak", names);
        Assert.Contains("child", names);
        GC.KeepAlive(leaked);
    }

    /// <summary>Jaeger's rule: sampled iff (low 64 bits, big-endian, &amp; 2^63-1) &lt; (2^63-1) * rate.</summary>
    private static bool JaegerSamples(ActivityTraceId traceId, double rate)
    {
        const ulong maxRandom = 0x7fffffffffffffff;
        var bytes = new byte[16];
        traceId.CopyTo(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8));
        return (low & maxRandom) < (ulong)(maxRandom * rate);
    }

    private static string TraceHex(JaegerSpan span) => $"{span.TraceIdHigh:x16}{span.TraceIdLow:x16}";
}
