using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Two tracers on one source (two hosts in one test process): the runtime records a span when any
/// listener asks for it, and each tracer reports only the spans its own sampler or parent rule chose.
/// </summary>
public sealed class TwoTracersTests
{
    [Fact]
    public void A_const_0_tracer_reports_none_of_the_spans_a_const_1_tracer_sampled()
    {
        using var sampling = new UdpAgent();
        using var silent = new UdpAgent();
        var sourceName = "two." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var one = sampling.Configure("samples-all", sourceName).Start();
        var zeroConfig = silent.Configure("samples-none", sourceName);
        zeroConfig.Sampler.Param = 0;
        var zero = zeroConfig.Start();

        for (var i = 0; i < 1_000; i++)
        {
            using var root = source.StartActivity("root")!;
            using var child = source.StartActivity("child")!;
        }

        zero.Dispose();
        one.Dispose();

        Assert.Equal(0, zero.Counters.SpansStarted); // not even the children it was asked about
        Assert.Equal(0, zero.Counters.SpansFinished);
        Assert.Equal(0, zero.Counters.SpansReported);
        Assert.Empty(silent.Datagrams);
        Assert.Equal(2_000, one.Counters.SpansReported);
        var spans = sampling.WaitForSpans(2_000).SelectMany(b => b.Spans).ToList();
        Assert.Equal(2_000, spans.Count);
    }

    [Fact]
    public void A_probabilistic_tracer_beside_a_const_1_tracer_reports_exactly_the_traces_it_sampled()
    {
        using var always = new UdpAgent();
        using var half = new UdpAgent();
        var sourceName = "two." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var one = always.Configure("always", sourceName).Start();
        var halfConfig = half.Configure("half", sourceName);
        halfConfig.Sampler.Type = SamplerTypes.Probabilistic;
        halfConfig.Sampler.Param = 0.5;
        var probabilistic = halfConfig.Start();

        var traces = new System.Collections.Generic.List<ActivityTraceId>();
        for (var i = 0; i < 400; i++)
        {
            using var root = source.StartActivity("root")!;
            using var child = source.StartActivity("child")!;
            traces.Add(root.TraceId);
        }

        probabilistic.Dispose();
        one.Dispose();

        // The same rule the sampler applies: the low 63 bits of the trace id against the rate.
        var expected = traces.Where(t => (ulong)(WireIds.Low(t) & long.MaxValue) < (ulong)(long.MaxValue * 0.5)).ToHashSet();
        var reported = half.WaitForSpans(expected.Count * 2).SelectMany(b => b.Spans).ToList();
        Assert.InRange(expected.Count, 120, 280);
        Assert.Equal(expected.Count * 2, reported.Count);
        Assert.Equal(expected.Count * 2, probabilistic.Counters.SpansReported);
        Assert.All(reported, s => Assert.Contains(traces.Single(t => WireIds.Low(t) == s.TraceIdLow), expected));
        Assert.Equal(800, one.Counters.SpansReported);
    }

    [Fact]
    public void Children_under_a_root_from_a_source_the_tracer_does_not_listen_to_follow_that_root()
    {
        // Another listener (an OpenTelemetry SDK recording ASP.NET Core, say) records the root; our
        // rate-limited tracer listens only to the child's source and follows the parent's flag.
        using var agent = new UdpAgent();
        var id = Guid.NewGuid().ToString("N");
        using var other = new ActivitySource("other." + id);
        using var mine = new ActivitySource("mine." + id);
        using var foreign = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, other),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(foreign);
        var config = agent.Configure("follows-foreign-root", mine.Name);
        config.Sampler.Type = SamplerTypes.RateLimiting;
        config.Sampler.Param = 1_000;
        var tracer = config.Start();

        for (var i = 0; i < 50; i++)
        {
            using var root = other.StartActivity("foreign-root")!;
            using var child = mine.StartActivity("my-child")!;
        }

        tracer.Dispose();
        var counters = tracer.Counters;
        Assert.Equal((50L, 50L, 50L), (counters.SpansStarted, counters.SpansFinished, counters.SpansReported));
        Assert.Equal(50, agent.WaitForSpans(50).Sum(b => b.Spans.Count));
    }

    [Fact]
    public void A_rate_limited_root_that_runs_long_is_still_reported_after_thousands_of_shorter_traces()
    {
        using var agent = new UdpAgent();
        var sourceName = "two." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("long-root", sourceName);
        config.Sampler.Type = SamplerTypes.RateLimiting;
        config.Sampler.Param = 1_000_000; // accepts them all
        var tracer = config.Start();

        var longRoot = source.StartActivity("long-request")!;
        Activity.Current = null;
        for (var i = 0; i < 5_000; i++) source.StartActivity("short")!.Dispose();
        longRoot.Dispose();
        tracer.Dispose();

        var counters = tracer.Counters;
        Assert.Equal((5_001L, 5_001L, 5_001L), (counters.SpansStarted, counters.SpansFinished, counters.SpansReported));
    }
}
