using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Tracers started from <c>JAEGER_*</c> variables behave as the variables say, seen on the wire:
/// where spans go and under which service and tags, disabled tracing, and 64-bit trace ids.
/// </summary>
public sealed class EnvironmentConfiguredTracerTests
{
    [Fact]
    public void Agent_service_tags_and_sampler_from_the_environment_reach_the_agent()
    {
        using var agent = new UdpAgent();
        var sourceName = "env-agent." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var env = new Dictionary<string, string>
        {
            ["JAEGER_SERVICE_NAME"] = "env-service",
            ["JAEGER_AGENT_HOST"] = "127.0.0.1",
            ["JAEGER_AGENT_PORT"] = agent.Port.ToString(CultureInfo.InvariantCulture),
            ["JAEGER_SAMPLER_TYPE"] = "probabilistic",
            ["JAEGER_SAMPLER_PARAM"] = "1",
            ["JAEGER_TAGS"] = "team=payments,pod=${POD_NAME:no-pod}",
            ["POD_NAME"] = "pod-7",
        };
        var config = new TracerConfiguration("code-service");
        config.Sender.AgentPort = 1234;
        config.Sources.Add(sourceName);
        config.WithEnvironmentOverrides(name => env.GetValueOrDefault(name));
        using var tracer = config.Start();
        Assert.Equal("env-service", tracer.ServiceName);

        source.StartActivity("env-op")!.Dispose();
        tracer.Dispose();

        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("env-service", batch.Process.ServiceName);
        Assert.Equal("payments", batch.Process.Tag("team"));
        Assert.Equal("pod-7", batch.Process.Tag("pod"));
        var span = Assert.Single(batch.Spans);
        Assert.Equal("env-op", span.OperationName);
        Assert.Equal("probabilistic", span.Tag("sampler.type"));
        Assert.Equal(1.0, span.Tag("sampler.param"));
    }

    [Theory]
    [InlineData(null, "Basic alice:s3cret")]
    [InlineData("token-1", "Bearer token-1")] // the token wins over basic auth
    public void Endpoint_and_credentials_from_the_environment_reach_the_collector(string? authToken, string expectedAuthorization)
    {
        if (expectedAuthorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expectedAuthorization.Substring(6)));
        }

        using var collector = new HttpCollector();
        var sourceName = "env-http." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var env = new Dictionary<string, string>
        {
            ["JAEGER_SERVICE_NAME"] = "env-http-service",
            ["JAEGER_ENDPOINT"] = collector.Endpoint.ToString(),
            ["JAEGER_USER"] = "alice",
            ["JAEGER_PASSWORD"] = "s3cret",
        };
        if (authToken is not null) env["JAEGER_AUTH_TOKEN"] = authToken;
        var config = TracerConfiguration.FromEnvironment(name => env.GetValueOrDefault(name));
        config.Sources.Add(sourceName);
        using var tracer = config.Start();

        source.StartActivity("http-op")!.Dispose();
        tracer.Dispose();

        var request = Assert.Single(collector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/traces", request.Path);
        Assert.Equal(expectedAuthorization, request.Authorization);
        var batch = HttpCollector.Decode(request.Body);
        Assert.Equal("env-http-service", batch.Process.ServiceName);
        Assert.Equal("http-op", Assert.Single(batch.Spans).OperationName);
        Assert.Equal(1, tracer.Counters.SpansReported);
    }

    [Fact]
    public void Disabled_tracer_creates_no_spans_and_sends_nothing()
    {
        using var agent = new UdpAgent();
        var sourceName = "env-disabled." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var env = new Dictionary<string, string> { ["JAEGER_DISABLED"] = "true" };
        var config = agent.Configure("disabled", sourceName).WithEnvironmentOverrides(name => env.GetValueOrDefault(name));
        using var tracer = config.Start();
        using var traced = TracedSources.Create("env-disabled-traced." + Guid.NewGuid().ToString("N"));

        Assert.False(source.HasListeners());
        Assert.False(traced.HasListeners());
        Assert.Null(source.StartActivity("nothing"));
        Assert.Null(traced.StartActivity("nothing"));
        Assert.Null(source.StartActivity("nothing", ActivityKind.Server,
            new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true)));
        Assert.True(tracer.Flush(TimeSpan.FromSeconds(1)));
        tracer.Dispose();

        Assert.Equal(0, tracer.Counters.SpansStarted);
        Assert.Equal(0, tracer.Counters.PacketsSent);
        Assert.Empty(agent.Datagrams);
    }

    [Fact]
    public void Disabled_tracer_checks_its_settings_as_an_enabled_one_does()
    {
        // A typo must fail where tracing is off too (tests, staging), not first in production.
        var env = new Dictionary<string, string>
        {
            ["JAEGER_DISABLED"] = "true",
            ["JAEGER_SERVICE_NAME"] = "disabled-bad",
            ["JAEGER_SAMPLER_TYPE"] = "foo",
        };
        var config = TracerConfiguration.FromEnvironment(name => env.GetValueOrDefault(name));

        var ex = Assert.Throws<InvalidTracerSettingException>(() => config.Start().Dispose());
        Assert.Contains("JAEGER_SAMPLER_TYPE", ex.Setting, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_tracer_needs_no_service_name()
    {
        var sourceName = "env-disabled-unnamed." + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string> { ["JAEGER_DISABLED"] = "true" };
        var config = TracerConfiguration.FromEnvironment(name => env.GetValueOrDefault(name));
        config.Sources.Add(sourceName);

        using var tracer = config.Start();
        using var source = new ActivitySource(sourceName);
        Assert.False(source.HasListeners());
        Assert.Null(source.StartActivity("nothing"));
    }

    [Fact]
    public void TraceId128Bit_false_gives_new_traces_64_bit_ids_until_the_tracer_is_disposed()
    {
        using var agent = new UdpAgent();
        var sourceName = "env-64." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var env = new Dictionary<string, string> { ["JAEGER_TRACEID_128BIT"] = "false" };
        var remoteTrace = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736".AsSpan());

        var narrow = agent.Configure("narrow", sourceName).WithEnvironmentOverrides(name => env.GetValueOrDefault(name));
        using (var tracer = narrow.Start())
        {
            for (var i = 0; i < 20; i++)
            {
                using var root = source.StartActivity("narrow-root");
                Assert.NotNull(root);
                Assert.StartsWith("0000000000000000", root.TraceId.ToHexString(), StringComparison.Ordinal);
                using var child = source.StartActivity("narrow-child");
                Assert.Equal(root.TraceId, child!.TraceId);
            }

            // A trace that arrives with a 128-bit id keeps it.
            source.StartActivity("remote-child", ActivityKind.Server,
                new ActivityContext(remoteTrace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true))!.Dispose();
        }

        var wide = agent.Configure("wide", sourceName);
        using (var tracer = wide.Start())
        {
            for (var i = 0; i < 20; i++) source.StartActivity("wide-root")!.Dispose();
        }

        var batches = agent.WaitForSpans(61);
        var narrowSpans = batches.Where(b => b.Process.ServiceName == "narrow").SelectMany(b => b.Spans).ToList();
        var wideSpans = batches.Where(b => b.Process.ServiceName == "wide").SelectMany(b => b.Spans).ToList();
        Assert.Equal(41, narrowSpans.Count);
        Assert.Equal(20, wideSpans.Count);

        Assert.All(narrowSpans.Where(s => s.OperationName != "remote-child"), span =>
        {
            Assert.Equal(0, span.TraceIdHigh);
            Assert.NotEqual(0, span.TraceIdLow);
        });
        Assert.Equal(20, narrowSpans.Where(s => s.OperationName == "narrow-root").Select(s => s.TraceIdLow).Distinct().Count());
        var remote = narrowSpans.Single(s => s.OperationName == "remote-child");
        Assert.Equal(remoteTrace.ToHexString(), $"{remote.TraceIdHigh:x16}{remote.TraceIdLow:x16}");

        // Disposed: new traces are 128-bit again (a zero high half is a 2^-64 chance per id).
        Assert.All(wideSpans, span => Assert.NotEqual(0, span.TraceIdHigh));
    }
}
