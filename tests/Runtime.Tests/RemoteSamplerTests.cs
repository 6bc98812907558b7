using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The <c>remote</c> sampler against a real HTTP sampling endpoint on 127.0.0.1: the strategy it
/// serves decides roots and tags them, changes apply live without losing a span, and a down,
/// slow or garbled endpoint leaves the initial (or last good) strategy in force, counted and logged.
/// </summary>
public sealed class RemoteSamplerTests
{
    [Fact]
    public void The_served_probabilistic_strategy_decides_roots_and_tags_them()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve(SamplingEndpoint.Probabilistic(1.0));
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-probabilistic", sourceName, initialRate: 0).Start();

        // Before the first answer nothing is sampled (initial rate 0); after it, everything.
        Assert.True(Poll.Until(() => StartAndEnd(source, "op").Recorded), "the served strategy was never applied");
        for (var i = 0; i < 20; i++) Assert.True(StartAndEnd(source, "op").Recorded);
        tracer.Flush(TimeSpan.FromSeconds(5));

        var spans = agent.WaitForSpans(21).SelectMany(b => b.Spans).ToList();
        Assert.All(spans, s =>
        {
            Assert.Equal("probabilistic", s.Tag("sampler.type"));
            Assert.Equal(1.0, s.Tag("sampler.param"));
        });
        Assert.Contains(endpoint.Requests, r => r == "/sampling?service=remote-probabilistic");
    }

    [Fact]
    public void A_rate_limiting_strategy_samples_at_most_its_rate()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve("""{"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":2}}""");
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-ratelimiting", sourceName, initialRate: 0).Start();

        Assert.True(Poll.Until(() => StartAndEnd(source, "op").Recorded), "the served strategy was never applied");
        var clock = Stopwatch.StartNew();
        var sampled = Enumerable.Range(0, 200).Count(_ => StartAndEnd(source, "op").Recorded);
        var seconds = clock.Elapsed.TotalSeconds;
        tracer.Flush(TimeSpan.FromSeconds(5));

        // A balance of at most 2 credits (one may be left from the first yes), plus 2 per second elapsed.
        Assert.InRange(sampled, 0, 2 + (int)Math.Ceiling(2 * seconds));
        var spans = agent.WaitForSpans(sampled + 1).SelectMany(b => b.Spans).ToList();
        Assert.All(spans, s =>
        {
            Assert.Equal("ratelimiting", s.Tag("sampler.type"));
            Assert.Equal(2.0, s.Tag("sampler.param"));
        });
    }

    [Fact]
    public void A_per_operation_strategy_samples_each_operation_at_its_rate_with_a_lower_bound()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve("""
            {"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0},
             "operationSampling":{"defaultSamplingProbability":0,"defaultLowerBoundTracesPerSecond":0.5,
               "perOperationStrategies":[{"operation":"hot","probabilisticSampling":{"samplingRate":1}}]}}
            """);
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-per-operation", sourceName, initialRate: 0).Start();

        Assert.True(Poll.Until(() => StartAndEnd(source, "hot").Recorded), "the served strategy was never applied");
        for (var i = 0; i < 10; i++) Assert.True(StartAndEnd(source, "hot").Recorded);
        // "cold" has rate 0: only its lower bound (a balance of 1 credit, 0.5 more per second) samples it.
        var cold = Enumerable.Range(0, 50).Count(_ => StartAndEnd(source, "cold").Recorded);
        Assert.InRange(cold, 1, 2);
        tracer.Flush(TimeSpan.FromSeconds(5));

        var spans = agent.WaitForSpans(11 + cold).SelectMany(b => b.Spans).ToList();
        Assert.All(spans.Where(s => s.OperationName == "hot"), s =>
        {
            Assert.Equal("probabilistic", s.Tag("sampler.type"));
            Assert.Equal(1.0, s.Tag("sampler.param"));
        });
        Assert.All(spans.Where(s => s.OperationName == "cold"), s =>
        {
            Assert.Equal("lowerbound", s.Tag("sampler.type"));
            Assert.Equal(0.0, s.Tag("sampler.param"));
        });
        Assert.Equal(cold, spans.Count(s => s.OperationName == "cold"));
    }

    [Fact]
    public void A_strategy_change_applies_to_new_roots_and_loses_no_span_of_roots_already_running()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve(SamplingEndpoint.Probabilistic(1.0));
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-switch", sourceName, initialRate: 0).Start();
        Assert.True(Poll.Until(() => StartAndEnd(source, "op").Recorded), "the first strategy was never applied");

        // Roots decided under rate 1, still running when the endpoint switches to rate 0.
        var running = Enumerable.Range(0, 30).Select(_ =>
        {
            Activity.Current = null; // each a root
            return source.StartActivity("running")!;
        }).ToList();
        Assert.All(running, r => Assert.True(r.Recorded));
        var children = running.Select(r => { Activity.Current = r; return source.StartActivity("child")!; }).ToList();
        Activity.Current = null;
        endpoint.Serve(SamplingEndpoint.Probabilistic(0.0));
        Assert.True(Poll.Until(() => !StartAndEnd(source, "op").Recorded), "the second strategy was never applied");

        foreach (var child in children) child.Stop();
        foreach (var root in running) root.Stop();
        tracer.Flush(TimeSpan.FromSeconds(5));

        var spans = agent.WaitForSpans(61).SelectMany(b => b.Spans).ToList();
        Assert.Equal(30, spans.Count(s => s.OperationName == "running"));
        Assert.Equal(30, spans.Count(s => s.OperationName == "child"));
        Assert.All(spans.Where(s => s.OperationName == "running"), s => Assert.Equal(1.0, s.Tag("sampler.param")));
        Assert.Equal(0, tracer.Counters.SpansDropped);
    }

    [Theory]
    [InlineData("garbage", 200, "not json at all", 0)]
    [InlineData("not a strategy", 200, """{"strategyType":"PROBABILISTIC"}""", 0)]
    [InlineData("a rate above 1", 200, """{"probabilisticSampling":{"samplingRate":7}}""", 0)]
    [InlineData("server error", 500, "{}", 0)]
    [InlineData("slow", 200, "{\"probabilisticSampling\":{\"samplingRate\":0}}", 3)]
    public void A_failing_endpoint_leaves_the_initial_strategy_in_force_counted_and_logged_once(string _, int status, string body, int delaySeconds)
    {
        using var endpoint = new SamplingEndpoint { Answer = new SamplingEndpoint.Reply(status, body, TimeSpan.FromSeconds(delaySeconds)) };
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var logs = new CapturingLoggerProvider();
        var config = Remote(agent, endpoint, "remote-failing", sourceName, initialRate: 1.0);
        config.LoggerFactory = logs.CreateFactory();
        config.Reporter.ErrorLogInterval = TimeSpan.FromMinutes(10);
        using var tracer = config.Start();

        // Refreshed every 100 ms, failing every time; roots are decided by the initial rate 1 throughout.
        Assert.True(Poll.Until(() => tracer.Counters.SamplingRefreshFailures >= 2, 15_000), "failures were not counted");
        for (var i = 0; i < 20; i++) Assert.True(StartAndEnd(source, "op").Recorded);
        tracer.Flush(TimeSpan.FromSeconds(5));

        var spans = agent.WaitForSpans(20).SelectMany(b => b.Spans).ToList();
        Assert.All(spans, s => Assert.Equal(1.0, s.Tag("sampler.param")));
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("sampling endpoint")).ToList();
        Assert.Single(warnings);
        Assert.Contains("keeps its current strategy", warnings[0].Message);
    }

    [Fact]
    public void A_down_endpoint_never_blocks_a_root_and_the_first_good_answer_is_applied_when_it_comes_up()
    {
        using var endpoint = new SamplingEndpoint { Answer = new SamplingEndpoint.Reply(503, "down", TimeSpan.Zero) };
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-recovering", sourceName, initialRate: 0).Start();

        Assert.True(Poll.Until(() => tracer.Counters.SamplingRefreshFailures >= 1), "the failure was not counted");
        Assert.False(StartAndEnd(source, "op").Recorded);
        endpoint.Serve(SamplingEndpoint.Probabilistic(1.0));
        Assert.True(Poll.Until(() => StartAndEnd(source, "op").Recorded), "the good answer was never applied");
    }

    [Fact]
    public void Remote_is_configured_from_the_environment_as_jaeger_client_go_reads_it()
    {
        var variables = new Dictionary<string, string>
        {
            ["JAEGER_SERVICE_NAME"] = "env-remote",
            ["JAEGER_SAMPLER_TYPE"] = "remote",
            ["JAEGER_SAMPLER_MANAGER_HOST_PORT"] = "agent.local:5778",
            ["JAEGER_SAMPLER_REFRESH_INTERVAL"] = "30s",
            ["JAEGER_SAMPLER_MAX_OPERATIONS"] = "10",
        };
        var fromHostPort = TracerConfiguration.FromEnvironment(name => variables.GetValueOrDefault(name));
        Assert.Equal(new Uri("http://agent.local:5778/sampling"), fromHostPort.Sampler.SamplingEndpoint);
        Assert.Equal(0.001, fromHostPort.Sampler.Param); // the initial rate jaeger-client-go uses
        Assert.Equal(TimeSpan.FromSeconds(30), fromHostPort.Sampler.RefreshInterval);
        Assert.Equal(10, fromHostPort.Sampler.MaxOperations);

        variables["JAEGER_SAMPLING_ENDPOINT"] = "http://collector.local:14268/api/sampling";
        variables["JAEGER_SAMPLER_PARAM"] = "0.25";
        var fromEndpoint = TracerConfiguration.FromEnvironment(name => variables.GetValueOrDefault(name));
        Assert.Equal(new Uri("http://collector.local:14268/api/sampling"), fromEndpoint.Sampler.SamplingEndpoint);
        Assert.Equal(0.25, fromEndpoint.Sampler.Param);
    }

    private static TracerConfiguration Remote(UdpAgent agent, SamplingEndpoint endpoint, string service, string sourceName, double initialRate)
    {
        var config = agent.Configure(service, sourceName);
        config.Sampler.Type = SamplerTypes.Remote;
        config.Sampler.Param = initialRate;
        config.Sampler.SamplingEndpoint = endpoint.Url;
        config.Sampler.RefreshInterval = TimeSpan.FromMilliseconds(100);
        return config;
    }

    private static Activity StartAndEnd(ActivitySource source, string name)
    {
        var span = source.StartActivity(name)!;
        span.Stop();
        return span;
    }

    private static ActivitySource NewSource(out string name)
    {
        name = "remote." + Guid.NewGuid().ToString("N");
        return new ActivitySource(name);
    }
}
