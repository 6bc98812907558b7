using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// With the HTTP sender and a tracer that listens to System.Net.Http (as the README suggests for
/// client spans), the sender's own POST to the collector must not be traced: that span would be
/// reported by the next POST, which makes another span, forever.
/// </summary>
public sealed class HttpSenderSelfTracingTests
{
    [Fact]
    public void The_senders_own_requests_make_no_spans()
    {
        using var collector = new HttpCollector();
        using var source = TracedSources.Create("SelfTracing.Test");
        var config = new TracerConfiguration("self-tracing") { Sources = { "System.Net.Http", source.Name } };
        config.Sender.Endpoint = collector.Endpoint;
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1); // only our Flush calls send
        using var tracer = config.Start();

        source.StartActivity("user-op")!.Dispose();
        for (var i = 0; i < 3; i++) Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));

        var spans = collector.Requests.SelectMany(r => HttpCollector.Decode(r.Body).Spans).ToList();
        Assert.Equal("user-op", Assert.Single(spans).OperationName);
        Assert.Equal(1, tracer.Counters.SpansStarted);
    }
}
