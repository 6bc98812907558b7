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
        Assert.Equal(21, spans.Count);
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

        // A balance of 2 credits, one spent on the first yes: at least one more, at most 2 plus 2 per second elapsed.
        Assert.InRange(sampled, 1, 2 + (int)Math.Ceiling(2 * seconds));
        var spans = agent.WaitForSpans(sampled + 1).SelectMany(b => b.Spans).ToList();
        Assert.Equal(sampled + 1, spans.Count);
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
    public void A_root_started_without_a_name_under_a_per_operation_strategy_is_decided_not_thrown()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve("""
            {"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0},
             "operationSampling":{"defaultSamplingProbability":1,"defaultLowerBoundTracesPerSecond":0,
               "perOperationStrategies":[{"operation":"hot","probabilisticSampling":{"samplingRate":1}}]}}
            """);
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-nameless", sourceName, initialRate: 0).Start();
        Assert.True(Poll.Until(() => StartAndEnd(source, "hot").Recorded), "the served strategy was never applied");

        // The BCL lets a null name through to the sampling callback (the span's name becomes "").
        var nameless = StartAndEnd(source, null!);

        Assert.True(nameless.Recorded);
        Assert.Equal(string.Empty, nameless.OperationName);
    }

    [Fact]
    public void Strategy_changes_apply_to_new_roots_and_lose_no_span_of_roots_already_running_which_keep_their_tags()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve(SamplingEndpoint.Probabilistic(0.999999));
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-switch", sourceName, initialRate: 0).Start();
        Assert.True(Poll.Until(() => StartAndEnd(source, "op").Recorded), "the first strategy was never applied");

        // Roots decided under rate 0.999999, still running through
        // six more strategies: a rise to 1, a rate limiter, other rates, and finally 0.
        var running = Enumerable.Range(0, 30).Select(_ =>
        {
            Activity.Current = null; // each a root
            return source.StartActivity("running")!;
        }).ToList();
        Assert.All(running, r => Assert.True(r.Recorded));
        var children = running.Select(r => { Activity.Current = r; return source.StartActivity("child")!; }).ToList();
        Activity.Current = null;
        foreach (var next in new[]
        {
            SamplingEndpoint.Probabilistic(1.0),
            """{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":5}}""",
            SamplingEndpoint.Probabilistic(0.5),
            SamplingEndpoint.Probabilistic(0.25),
            SamplingEndpoint.Probabilistic(0.125),
            SamplingEndpoint.Probabilistic(0.0),
        })
        {
            endpoint.Serve(next);
            var asked = endpoint.Requests.Count;
            Assert.True(Poll.Until(() => endpoint.Requests.Count >= asked + 2), "the endpoint was not asked again");
        }

        Assert.False(StartAndEnd(source, "after").Recorded);
        foreach (var child in children) child.Stop();
        foreach (var root in running) root.Stop();
        tracer.Flush(TimeSpan.FromSeconds(5));

        List<Support.JaegerSpan> Spans() => agent.Datagrams.Select(UdpAgent.Decode).SelectMany(b => b.Spans).ToList();
        Assert.True(Poll.Until(() => Spans().Count(s => s.OperationName is "running" or "child") == 60), "spans of running roots were lost");
        var runningSpans = Spans().Where(s => s.OperationName == "running").ToList();
        Assert.Equal(30, runningSpans.Count);
        Assert.All(runningSpans, s =>
        {
            Assert.Equal("probabilistic", s.Tag("sampler.type"));
            Assert.Equal(0.999999, s.Tag("sampler.param"));
        });
        Assert.Equal(0, tracer.Counters.SpansDropped);
    }

    [Fact]
    public void Zero_values_left_out_by_Go_JSON_encoders_read_as_zero()
    {
        // The OpenTelemetry Collector's jaegerremotesampling serves Jaeger's structs with omitempty:
        // a rate of 0 is an empty object, and the answer is still a strategy.
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve("""
            {"strategyType":"PROBABILISTIC","probabilisticSampling":{},
             "operationSampling":{"defaultLowerBoundTracesPerSecond":0,
               "perOperationStrategies":[{"operation":"/health","probabilisticSampling":{}},{"operation":"/orders","probabilisticSampling":{"samplingRate":1}}]}}
            """);
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var tracer = Remote(agent, endpoint, "remote-omitempty", sourceName, initialRate: 0).Start();

        Assert.True(Poll.Until(() => StartAndEnd(source, "/orders").Recorded), "the served strategy was never applied");
        var health = Enumerable.Range(0, 20).Count(_ => StartAndEnd(source, "/health").Recorded);
        Assert.InRange(health, 0, 1); // rate 0; the lower bound's one starting credit at most
        Assert.Equal(0, tracer.Counters.SamplingRefreshFailures);
    }

    [Fact]
    public void The_samplers_own_requests_are_not_traced_when_the_tracer_listens_to_HttpClient()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve(SamplingEndpoint.Probabilistic(1.0));
        using var agent = new UdpAgent();
        var config = agent.Configure("remote-self", "System.Net.Http");
        config.Sampler.Type = SamplerTypes.Remote;
        config.Sampler.Param = 1;
        config.Sampler.SamplingEndpoint = endpoint.Url;
        config.Sampler.RefreshInterval = TimeSpan.FromMilliseconds(50);
        using var tracer = config.Start();

        Assert.True(Poll.Until(() => endpoint.Requests.Count >= 5), "the endpoint was not polled");
        tracer.Flush(TimeSpan.FromSeconds(5));
        // What the poller's requests would show if traced: trace context at the endpoint, HTTP spans
        // to its port in Jaeger. (Not the tracer's span count, which also counts any [Traced] or
        // HttpClient span that an earlier test's leftovers start. OwnRequestsTests adds another
        // listener and a current span, which is how a poll once arrived with trace context here.)
        Assert.Equal(0, endpoint.TracedRequests);
        var spans = agent.Datagrams.SelectMany(d => UdpAgent.Decode(d).Spans).ToList();
        Assert.DoesNotContain(spans, s => s.Tags.Any(t => t.Value is string text && text.Contains($":{endpoint.Port}/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("garbage", 200, "not json at all", 0)]
    [InlineData("not a strategy", 200, """{"strategyType":"PROBABILISTIC"}""", 0)]
    [InlineData("a rate above 1", 200, """{"probabilisticSampling":{"samplingRate":7}}""", 0)]
    [InlineData("server error", 500, "{}", 0)]
    [InlineData("slow", 200, "{\"probabilisticSampling\":{\"samplingRate\":0}}", 3)]
    [InlineData("larger than 1 MiB", 200, OversizedStrategy, 0)]
    public void A_failing_endpoint_leaves_the_initial_strategy_in_force_counted_and_logged_once(string _, int status, string body, int delaySeconds)
    {
        // A valid strategy (rate 0) padded past the 1 MiB the poller reads: refused whole, never half-read.
        if (body == OversizedStrategy) body = "{\"pad\":\"" + new string('x', 1 << 20) + "\",\"probabilisticSampling\":{\"samplingRate\":0}}";
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
        Assert.Equal(20, spans.Count);
        Assert.All(spans, s => Assert.Equal(1.0, s.Tag("sampler.param")));
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("sampling endpoint")).ToList();
        Assert.Single(warnings);
        Assert.Contains("keeps its current strategy", warnings[0].Message);
    }

    private const string OversizedStrategy = "(a strategy larger than 1 MiB)";

    [Fact]
    public void A_failing_endpoint_s_credentials_never_reach_the_log()
    {
        using var endpoint = new SamplingEndpoint { Answer = new SamplingEndpoint.Reply(500, "{}", TimeSpan.Zero) };
        using var agent = new UdpAgent();
        using var source = NewSource(out var sourceName);
        using var logs = new CapturingLoggerProvider();
        var config = Remote(agent, endpoint, "remote-redacted", sourceName, initialRate: 1.0);
        config.Sampler.SamplingEndpoint = new Uri($"http://sampler:hunter2@127.0.0.1:{endpoint.Port}/sampling");
        config.LoggerFactory = logs.CreateFactory();
        using var tracer = config.Start();

        Assert.True(Poll.Until(() => logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("sampling endpoint")), 15_000), "the failure was not logged");
        var warning = logs.Entries.First(e => e.Level == LogLevel.Warning && e.Message.Contains("sampling endpoint"));
        Assert.DoesNotContain("hunter2", warning.Message);
        Assert.Contains($"127.0.0.1:{endpoint.Port}/sampling", warning.Message); // still says which endpoint
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

    [Theory]
    [InlineData("10.0.3.7", "http://10.0.3.7:5778/sampling")]
    [InlineData("jaeger-agent", "http://jaeger-agent:5778/sampling")]
    [InlineData("fd00::7", "http://[fd00::7]:5778/sampling")]
    public void With_only_the_agent_host_set_the_sampler_asks_that_agent(string host, string expected)
    {
        // jaeger-client-go's fallback: a node's agent given as JAEGER_AGENT_HOST=$(HOST_IP) serves sampling too.
        var variables = new Dictionary<string, string> { ["JAEGER_SERVICE_NAME"] = "env-remote", ["JAEGER_SAMPLER_TYPE"] = "remote", ["JAEGER_AGENT_HOST"] = host };
        Assert.Equal(new Uri(expected), TracerConfiguration.FromEnvironment(name => variables.GetValueOrDefault(name)).Sampler.SamplingEndpoint);

        // Either sampling variable wins over it, as in Go.
        variables["JAEGER_SAMPLER_MANAGER_HOST_PORT"] = "sampling.local:5778";
        Assert.Equal(new Uri("http://sampling.local:5778/sampling"), TracerConfiguration.FromEnvironment(name => variables.GetValueOrDefault(name)).Sampler.SamplingEndpoint);
        variables.Remove("JAEGER_SAMPLER_MANAGER_HOST_PORT");
        variables["JAEGER_SAMPLING_ENDPOINT"] = "http://collector.local:14268/api/sampling";
        Assert.Equal(new Uri("http://collector.local:14268/api/sampling"), TracerConfiguration.FromEnvironment(name => variables.GetValueOrDefault(name)).Sampler.SamplingEndpoint);
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
