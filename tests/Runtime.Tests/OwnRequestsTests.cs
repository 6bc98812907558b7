using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The tracer's own HTTP requests (spans to the collector, polls of the sampling endpoint) are
/// nobody's spans and carry nobody's trace context: not when another listener in the process
/// records every HttpClient request (an OpenTelemetry SDK, say), and not when the app had a span
/// current while it started the tracer or while a request went out.
/// </summary>
public sealed class OwnRequestsTests
{
    [Fact]
    public void Requests_to_the_collector_and_the_sampling_endpoint_are_untraced_whoever_listens()
    {
        var seen = new List<string>();
        using var foreign = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (seen) seen.Add(a.DisplayName + " " + a.GetTagItem("url.full"));
            },
        };
        ActivitySource.AddActivityListener(foreign);
        using var collector = new HttpCollector();
        using var endpoint = new SamplingEndpoint();
        endpoint.Serve(SamplingEndpoint.Probabilistic(1.0));
        using var source = TracedSources.Create("OwnRequests.Test");

        var config = new TracerConfiguration("own-requests") { Sources = { "System.Net.Http", source.Name } };
        config.Sender.Endpoint = collector.Endpoint;
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1); // only Flush sends
        config.Sampler.Type = SamplerTypes.Remote;
        config.Sampler.Param = 1;
        config.Sampler.SamplingEndpoint = endpoint.Url;
        config.Sampler.RefreshInterval = TimeSpan.FromMilliseconds(50);
        using var startup = source.StartActivity("startup"); // current while the tracer starts
        using var tracer = config.Start();

        Assert.True(Poll.Until(() => endpoint.Requests.Count >= 3), "the endpoint was not polled");
        source.StartActivity("user-op")!.Dispose();
        Assert.True(tracer.Flush(TimeSpan.FromSeconds(10))); // sent while "startup" is current

        Assert.Equal(0, endpoint.TracedRequests);
        var posts = collector.Requests;
        Assert.NotEmpty(posts);
        Assert.All(posts, r => Assert.Null(r.TraceContext));
        lock (seen)
        {
            Assert.DoesNotContain(seen, s => s.Contains($":{endpoint.Port}/", StringComparison.Ordinal) || s.Contains($":{collector.Port}/", StringComparison.Ordinal));
        }

        var spans = posts.SelectMany(r => HttpCollector.Decode(r.Body).Spans).ToList();
        Assert.Equal("user-op", Assert.Single(spans).OperationName);
    }
}
