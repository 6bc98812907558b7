using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>The HTTP sender: what a Jaeger collector receives, decoded with ApacheThrift's TBinaryProtocol.</summary>
public sealed class HttpWireFormatTests
{
    [Fact]
    public void Posts_thrift_binary_batches_to_api_traces_with_every_span_field()
    {
        using var collector = new HttpCollector();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName, "3.4.5");
        var config = new TracerConfiguration("http-service");
        config.Sender.Endpoint = collector.Endpoint;
        config.Sources.Add(sourceName);
        config.Tags["region"] = "eu-1";
        config.Tags["team"] = "payments";
        var tracer = config.Start();

        var linkContext = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var remoteParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var eventTime = DateTimeOffset.UtcNow.AddMilliseconds(1);
        Activity parent, child, remoteChild;
        using (parent = source.StartActivity("parent-op", ActivityKind.Server)!)
        {
            parent.SetStatus(ActivityStatusCode.Ok);
            using (child = source.StartActivity("child-op", ActivityKind.Producer, parentContext: default, links: [new ActivityLink(linkContext)])!)
            {
                child.SetTag("text", "hello");
                child.SetTag("flag", false);
                child.SetTag("count", 42);
                child.SetTag("negative", -7L);
                child.SetTag("big", long.MinValue);
                child.SetTag("ratio", 0.25);
                child.SetTag("single", 1.5f);
                child.SetTag("bytes", new byte[] { 0, 255, 7 });
                child.SetTag("numbers", new[] { 1, 2 });
                child.AddTag("absent", (object?)null);
                child.AddEvent(new ActivityEvent("retry", eventTime, new ActivityTagsCollection { ["attempt"] = 2, ["fatal"] = false, ["delay"] = 0.5 }));
                child.AddEvent(new ActivityEvent("gave-up", eventTime.AddMilliseconds(2)));
                child.SetStatus(ActivityStatusCode.Error, "queue full");
            }
        }

        using (remoteChild = source.StartActivity("consume-op", ActivityKind.Consumer, remoteParent)!)
        {
        }

        tracer.Dispose();

        var request = Assert.Single(collector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/traces", request.Path);
        Assert.Equal("application/x-thrift", request.ContentType);
        Assert.Null(request.Authorization);
        var batch = HttpCollector.Decode(request.Body);
        Assert.Equal(3, batch.Spans.Count);
        var p = batch.Spans.Single(s => s.OperationName == "parent-op");
        var c = batch.Spans.Single(s => s.OperationName == "child-op");
        var r = batch.Spans.Single(s => s.OperationName == "consume-op");

        // Ids: 128-bit trace ids split into big-endian signed halves; parent chains, local and remote.
        var traceBytes = new byte[16];
        parent.TraceId.CopyTo(traceBytes);
        Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(traceBytes), p.TraceIdHigh);
        Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(traceBytes.AsSpan(8)), p.TraceIdLow);
        Assert.Equal(parent.TraceId.ToHexString(), WireIds.TraceHex(c.TraceIdHigh, c.TraceIdLow));
        Assert.Equal(parent.SpanId.ToHexString(), WireIds.SpanHex(p.SpanId));
        Assert.Equal(child.SpanId.ToHexString(), WireIds.SpanHex(c.SpanId));
        Assert.Equal(0, p.ParentSpanId);
        Assert.Equal(p.SpanId, c.ParentSpanId);
        Assert.Equal(remoteParent.TraceId.ToHexString(), WireIds.TraceHex(r.TraceIdHigh, r.TraceIdLow));
        Assert.Equal(remoteParent.SpanId.ToHexString(), WireIds.SpanHex(r.ParentSpanId));
        Assert.Equal(remoteChild.SpanId.ToHexString(), WireIds.SpanHex(r.SpanId));
        Assert.All(batch.Spans, s => Assert.Equal(1, s.Flags));

        // Times: microseconds since the Unix epoch, durations in microseconds.
        Assert.Equal((parent.StartTimeUtc - DateTime.UnixEpoch).Ticks / 10, p.StartTime);
        Assert.Equal((child.StartTimeUtc - DateTime.UnixEpoch).Ticks / 10, c.StartTime);
        Assert.Equal(parent.Duration.Ticks / 10, p.Duration);
        Assert.Equal(child.Duration.Ticks / 10, c.Duration);
        Assert.InRange(c.StartTime, p.StartTime, p.StartTime + p.Duration);

        // Tags of every Jaeger type, with the type the collector sees; null-valued tags are left out.
        Assert.Equal(("hello", 0), TagOf(c, "text"));
        Assert.Equal((false, 2), TagOf(c, "flag"));
        Assert.Equal((42L, 3), TagOf(c, "count"));
        Assert.Equal((-7L, 3), TagOf(c, "negative"));
        Assert.Equal((long.MinValue, 3), TagOf(c, "big"));
        Assert.Equal((0.25, 1), TagOf(c, "ratio"));
        Assert.Equal((1.5, 1), TagOf(c, "single"));
        Assert.Equal(4, c.Tags.Single(t => t.Key == "bytes").Type);
        Assert.Equal(new byte[] { 0, 255, 7 }, c.Tag("bytes"));
        Assert.Equal(("[1,2]", 0), TagOf(c, "numbers"));
        Assert.DoesNotContain(c.Tags, t => t.Key == "absent");

        // Kind, status, scope; sampler tags only on the local root.
        Assert.Equal("server", p.Tag("span.kind"));
        Assert.Equal("producer", c.Tag("span.kind"));
        Assert.Equal("consumer", r.Tag("span.kind"));
        Assert.Equal("OK", p.Tag("otel.status_code"));
        Assert.Null(p.Tag("error"));
        Assert.Equal((true, 2), TagOf(c, "error"));
        Assert.Equal("ERROR", c.Tag("otel.status_code"));
        Assert.Equal("queue full", c.Tag("otel.status_description"));
        // The scope travels once per batch, as process tags, not on each span.
        Assert.Equal(sourceName, batch.Process.Tag("otel.scope.name"));
        Assert.Equal("3.4.5", batch.Process.Tag("otel.scope.version"));
        Assert.All(batch.Spans, s => Assert.Null(s.Tag("otel.scope.name")));
        Assert.Equal("const", p.Tag("sampler.type"));
        Assert.Equal((true, 2), TagOf(p, "sampler.param"));
        Assert.Null(c.Tag("sampler.type"));
        Assert.Null(r.Tag("sampler.type"));
        Assert.All(batch.Spans, s => Assert.Equal(s.Tags.Count, s.Tags.Select(t => t.Key).Distinct().Count()));

        // Events become logs (timestamp in microseconds, field "event" = name, then the event's tags).
        Assert.Equal(2, c.Logs.Count);
        Assert.Equal((eventTime.UtcDateTime - DateTime.UnixEpoch).Ticks / 10, c.Logs[0].Timestamp);
        Assert.Equal("event", c.Logs[0].Fields[0].Key);
        Assert.Equal("retry", c.Logs[0]["event"]);
        Assert.Equal(2L, c.Logs[0]["attempt"]);
        Assert.Equal(false, c.Logs[0]["fatal"]);
        Assert.Equal(0.5, c.Logs[0]["delay"]);
        Assert.Equal(4, c.Logs[0].Fields.Count);
        Assert.Equal((eventTime.AddMilliseconds(2).UtcDateTime - DateTime.UnixEpoch).Ticks / 10, c.Logs[1].Timestamp);
        Assert.Equal("gave-up", Assert.Single(c.Logs[1].Fields).Value);
        Assert.Empty(p.Logs);

        // Links become FOLLOWS_FROM references.
        var reference = Assert.Single(c.References);
        Assert.Equal(1, reference.RefType);
        Assert.Equal(linkContext.TraceId.ToHexString(), WireIds.TraceHex(reference.TraceIdHigh, reference.TraceIdLow));
        Assert.Equal(linkContext.SpanId.ToHexString(), WireIds.SpanHex(reference.SpanId));
        Assert.Empty(p.References);
        Assert.Empty(r.References);

        // Process: service name, the tags Jaeger clients add, then the configured ones.
        Assert.Equal("http-service", batch.Process.ServiceName);
        Assert.All(batch.Process.Tags, t => Assert.Equal(0, t.Type));
        Assert.Matches(new Regex(@"^CSharp-\d+\.\d+\.\d+[^+]*$"), (string)batch.Process.Tag("jaeger.version")!);
        Assert.Equal(Dns.GetHostName(), batch.Process.Tag("hostname"));
        Assert.True(IPAddress.TryParse((string)batch.Process.Tag("ip")!, out var ip));
        Assert.Equal(AddressFamily.InterNetwork, ip!.AddressFamily);
        Assert.True(Guid.TryParse((string)batch.Process.Tag("client-uuid")!, out _));
        Assert.Equal("eu-1", batch.Process.Tag("region"));
        Assert.Equal("payments", batch.Process.Tag("team"));
        Assert.Equal(8, batch.Process.Tags.Count); // the four client tags, two configured, the scope name and version

        var counters = tracer.Counters;
        Assert.Equal(3, counters.SpansFinished);
        Assert.Equal(3, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
        Assert.Equal(1, counters.PacketsSent);
        Assert.Equal(request.Body.Length, counters.BytesSent);
        Assert.Equal(0, counters.SendFailures);
    }

    private static (object? Value, int Type) TagOf(JaegerSpan span, string key)
    {
        var tag = span.Tags.Single(t => t.Key == key);
        return (tag.Value, tag.Type);
    }
}
