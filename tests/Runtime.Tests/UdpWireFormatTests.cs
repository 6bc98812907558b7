using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

public sealed class UdpWireFormatTests
{
    [Fact]
    public void Every_span_field_arrives_as_jaeger_expects()
    {
        using var agent = new UdpAgent();
        var sourceName = "wire." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName, "2.1.0");
        var config = agent.Configure("wire-service", sourceName);
        config.Tags["region"] = "eu-1";
        var tracer = config.Start();

        var linkContext = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        Activity parent, child;
        var start = DateTimeOffset.UtcNow;
        using (parent = source.StartActivity("parent-op", ActivityKind.Server)!)
        {
            using (child = source.StartActivity("child-op", ActivityKind.Client, parentContext: default, links: [new ActivityLink(linkContext)])!)
            {
                child.SetTag("text", "hello");
                child.SetTag("flag", true);
                child.SetTag("count", 42);
                child.SetTag("big", long.MaxValue);
                child.SetTag("ratio", 0.5);
                child.SetTag("bytes", new byte[] { 1, 2, 3 });
                child.SetTag("list", new[] { "a", "b" });
                child.AddEvent(new ActivityEvent("cache-miss", start.AddMilliseconds(1), new ActivityTagsCollection { ["key"] = "user:7", ["attempt"] = 2 }));
                child.SetStatus(ActivityStatusCode.Error, "backend down");
            }
        }

        tracer.Dispose();
        var batches = agent.WaitForSpans(2);
        var spans = batches.SelectMany(b => b.Spans).ToList();
        Assert.Equal(2, spans.Count);
        var process = batches[0].Process;
        var p = spans.Single(s => s.OperationName == "parent-op");
        var c = spans.Single(s => s.OperationName == "child-op");

        // Ids: the 128-bit trace id split into big-endian signed halves, parent chain intact.
        var traceBytes = new byte[16];
        parent.TraceId.CopyTo(traceBytes);
        Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(traceBytes), p.TraceIdHigh);
        Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(traceBytes.AsSpan(8)), p.TraceIdLow);
        Assert.Equal(parent.TraceId.ToHexString(), $"{p.TraceIdHigh:x16}{p.TraceIdLow:x16}");
        Assert.Equal(parent.SpanId.ToHexString(), $"{p.SpanId:x16}");
        Assert.Equal(0, p.ParentSpanId);
        Assert.Equal((p.TraceIdHigh, p.TraceIdLow), (c.TraceIdHigh, c.TraceIdLow));
        Assert.Equal(p.SpanId, c.ParentSpanId);
        Assert.Equal(child.SpanId.ToHexString(), $"{c.SpanId:x16}");
        Assert.Equal(1, p.Flags);
        Assert.Equal(1, c.Flags);

        // Times in microseconds since the epoch.
        Assert.Equal((parent.StartTimeUtc - DateTime.UnixEpoch).Ticks / 10, p.StartTime);
        Assert.Equal(parent.Duration.Ticks / 10, p.Duration);
        Assert.Equal(child.Duration.Ticks / 10, c.Duration);

        // Tags of each type, kind, status, scope; sampler tags on the root only.
        Assert.Equal("hello", c.Tag("text"));
        Assert.Equal(true, c.Tag("flag"));
        Assert.Equal(42L, c.Tag("count"));
        Assert.Equal(long.MaxValue, c.Tag("big"));
        Assert.Equal(0.5, c.Tag("ratio"));
        Assert.Equal(new byte[] { 1, 2, 3 }, c.Tag("bytes"));
        Assert.Equal("[\"a\",\"b\"]", c.Tag("list"));
        Assert.Equal("client", c.Tag("span.kind"));
        Assert.Equal("server", p.Tag("span.kind"));
        Assert.Equal(true, c.Tag("error"));
        Assert.Equal("ERROR", c.Tag("otel.status_code"));
        Assert.Equal("backend down", c.Tag("otel.status_description"));
        // The scope is a process tag of the packet (Jaeger shows it on each span), not a span tag.
        Assert.Equal(sourceName, process.Tag("otel.scope.name"));
        Assert.Equal("2.1.0", process.Tag("otel.scope.version"));
        Assert.Null(c.Tag("otel.scope.name"));
        Assert.Equal("const", p.Tag("sampler.type"));
        Assert.Equal(true, p.Tag("sampler.param"));
        Assert.Null(c.Tag("sampler.type"));
        Assert.Equal(new[] { 0, 2, 2, 3, 3, 1, 4, 0 }, new[] { "text", "flag", "error", "count", "big", "ratio", "bytes", "list" }.Select(k => c.Tags.Single(t => t.Key == k).Type));

        // Events become logs; links become FOLLOWS_FROM references.
        var log = Assert.Single(c.Logs);
        Assert.Equal((start.AddMilliseconds(1).UtcDateTime - DateTime.UnixEpoch).Ticks / 10, log.Timestamp);
        Assert.Equal("cache-miss", log["event"]);
        Assert.Equal("user:7", log["key"]);
        Assert.Equal(2L, log["attempt"]);
        var reference = Assert.Single(c.References);
        var linkBytes = new byte[16];
        linkContext.TraceId.CopyTo(linkBytes);
        Assert.Equal(1, reference.RefType);
        Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(linkBytes), reference.TraceIdHigh);
        Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(linkBytes.AsSpan(8)), reference.TraceIdLow);
        Assert.Equal(linkContext.SpanId.ToHexString(), $"{reference.SpanId:x16}");
        Assert.Empty(p.References);

        // Process: service name, the tags Jaeger clients add, and the configured ones.
        Assert.Equal("wire-service", process.ServiceName);
        Assert.StartsWith("CSharp-", (string)process.Tag("jaeger.version")!);
        Assert.Equal(System.Net.Dns.GetHostName(), process.Tag("hostname"));
        Assert.True(System.Net.IPAddress.TryParse((string)process.Tag("ip")!, out _));
        Assert.True(Guid.TryParse((string)process.Tag("client-uuid")!, out _));
        Assert.Equal("eu-1", process.Tag("region"));

        var counters = tracer.Counters;
        Assert.Equal(2, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(agent.Datagrams.Sum(d => d.Length), counters.BytesSent);
    }

    [Fact]
    public void Unicode_service_and_operation_names_arrive_byte_exact()
    {
        using var agent = new UdpAgent();
        var sourceName = "unicode." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var tracer = agent.Configure("鏈路追蹤", sourceName).Start();
        source.StartActivity("查詢訂單")!.Dispose();
        tracer.Dispose();

        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("鏈路追蹤", batch.Process.ServiceName);
        Assert.Equal("查詢訂單", Assert.Single(batch.Spans).OperationName);
        var datagram = Assert.Single(agent.Datagrams);
        Assert.True(Contains(datagram, System.Text.Encoding.UTF8.GetBytes("鏈路追蹤")));
        Assert.True(Contains(datagram, System.Text.Encoding.UTF8.GetBytes("查詢訂單")));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
