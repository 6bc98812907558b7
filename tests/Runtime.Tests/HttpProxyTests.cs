using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>Tests that change the process-wide <see cref="HttpClient.DefaultProxy"/> run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultProxyCollection
{
    public const string Name = "HttpClient.DefaultProxy";
}

/// <summary>
/// A machine with <c>HTTP_PROXY</c> set (common where only a package feed is reachable) must still
/// deliver spans to a collector on the same machine, as jaeger-client-go does: loopback is never proxied.
/// </summary>
[Collection(DefaultProxyCollection.Name)]
public sealed class HttpProxyTests
{
    [Fact]
    public void A_collector_on_loopback_is_reached_directly_when_a_proxy_is_configured()
    {
        using var collector = new HttpCollector();
        var sourceName = "proxy." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("behind-a-proxy");
        config.Sender.Endpoint = collector.Endpoint;
        config.Sources.Add(sourceName);

        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy("http://127.0.0.1:9"); // what HTTP_PROXY gives every HttpClient: here, nothing listens
        try
        {
            using (var tracer = config.Start())
            {
                source.StartActivity("through-no-proxy")!.Dispose();
                tracer.Dispose();
                Assert.Equal(0L, tracer.Counters.SendFailures);
            }
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }

        var request = Assert.Single(collector.Requests);
        Assert.Equal("through-no-proxy", Assert.Single(HttpCollector.Decode(request.Body).Spans).OperationName);
    }

    [Fact]
    public void A_sampling_endpoint_on_loopback_is_reached_directly_when_a_proxy_is_configured()
    {
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve(SamplingEndpoint.Probabilistic(0.25));
        using var agent = new UdpAgent();
        var config = agent.Configure("behind-a-proxy", "proxy.sampling");
        config.Sampler.Type = SamplerTypes.Remote;
        config.Sampler.Param = 1;
        config.Sampler.SamplingEndpoint = endpoint.Url; // the default, http://127.0.0.1:5778/sampling, is loopback too
        config.Sampler.RefreshInterval = TimeSpan.FromMilliseconds(100);

        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy("http://127.0.0.1:9"); // nothing listens there
        try
        {
            using var tracer = config.Start();
            Assert.True(Poll.Until(() => endpoint.Requests.Count >= 2), "the sampling endpoint was not reached");
            Assert.Equal(0L, tracer.Counters.SamplingRefreshFailures);
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}
