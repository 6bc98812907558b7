using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>A collector that fails or is down costs spans (counted), never an exception in the app.</summary>
public sealed class HttpCollectorErrorTests
{
    private const int Spans = 20;

    [Fact]
    public void A_collector_answering_500_drops_and_counts_the_spans()
    {
        using var collector = new HttpCollector { StatusCode = 500 };
        var counters = Run(collector.Endpoint);

        Assert.NotEmpty(collector.Requests);
        Assert.Equal(Spans, collector.Requests.Sum(r => HttpCollector.Decode(r.Body).Spans.Count));
        Assert.True(counters.SendFailures > 0, counters.ToString());
        Assert.Equal(collector.Requests.Count, counters.SendFailures);
        Assert.Equal(Spans, counters.SpansDroppedSendFailed);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(0, counters.PacketsSent);
        Assert.Equal(0, counters.BytesSent);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
    }

    [Fact]
    public void A_collector_that_redirects_drops_and_counts_the_spans()
    {
        // Followed, the redirect re-sent the POST as a GET without its body, whose 202 counted every span as reported.
        using var collector = new HttpCollector { RedirectTo = "/moved" };
        var counters = Run(collector.Endpoint);

        Assert.All(collector.Requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal(Spans, counters.SpansDroppedSendFailed);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
    }

    [Fact]
    public void A_collector_that_is_not_listening_drops_and_counts_the_spans()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var counters = Run(new Uri($"http://127.0.0.1:{port}/api/traces"));

        Assert.True(counters.SendFailures > 0, counters.ToString());
        Assert.Equal(Spans, counters.SpansDroppedSendFailed);
        Assert.Equal(0, counters.SpansReported);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
    }

    private static TracerCounters Run(Uri endpoint)
    {
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("failing-collector");
        config.Sender.Endpoint = endpoint;
        config.Sources.Add(sourceName);
        var tracer = config.Start();

        for (var i = 0; i < Spans; i++)
        {
            using var span = source.StartActivity("op-" + i)!;
            span.SetTag("i", i);
        }

        // Neither a flush nor disposing surfaces the failure to the caller.
        tracer.Flush(TimeSpan.FromSeconds(10));
        tracer.Dispose();
        var counters = tracer.Counters;
        Assert.Equal(Spans, counters.SpansFinished);
        return counters;
    }
}
