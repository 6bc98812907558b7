using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>Sender.MaxHttpBodySize bounds every POST body; the spans are split over several posts, none lost or repeated.</summary>
public sealed class HttpBodySizeTests
{
    [Fact]
    public void Bodies_stay_within_max_http_body_size_and_every_span_arrives_once()
    {
        const int maxBody = 4096;
        const int count = 600;
        using var collector = new HttpCollector();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("bounded-bodies");
        config.Sender.Endpoint = collector.Endpoint;
        config.Sender.MaxHttpBodySize = maxBody;
        config.Sources.Add(sourceName);
        var tracer = config.Start();

        var sent = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            using var span = source.StartActivity("op-" + i)!;
            span.SetTag("index", i);
            span.SetTag("customer", "customer-" + i);
            sent.Add(span.SpanId.ToHexString());
        }

        tracer.Dispose();

        var requests = collector.Requests;
        Assert.True(requests.Count > 1, $"{requests.Count} request(s)");
        Assert.All(requests, r => Assert.InRange(r.Body.Length, 1, maxBody));
        var batches = requests.Select(r => HttpCollector.Decode(r.Body)).ToList();
        Assert.All(batches, b => Assert.Equal("bounded-bodies", b.Process.ServiceName));
        var received = batches.SelectMany(b => b.Spans).Select(s => WireIds.SpanHex(s.SpanId)).ToList();
        Assert.Equal(count, received.Count);
        Assert.Equal(sent.OrderBy(x => x, StringComparer.Ordinal), received.OrderBy(x => x, StringComparer.Ordinal));

        var counters = tracer.Counters;
        Assert.Equal(count, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(requests.Count, counters.PacketsSent);
        Assert.Equal(requests.Sum(r => (long)r.Body.Length), counters.BytesSent);
    }
}
