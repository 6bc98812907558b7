using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Huge values are cut to Reporter.MaxTagValueLength UTF-8 bytes at a character boundary; a span
/// that cannot fit a packet even alone is dropped and counted without costing its neighbours.
/// </summary>
public sealed class OversizedValueTests
{
    private const int MaxValueBytes = ReporterConfiguration.DefaultMaxTagValueLength;

    [Fact]
    public void A_100_KB_tag_value_is_truncated_at_a_character_boundary_and_the_span_still_arrives()
    {
        // 3-byte chars: 4096 falls inside one, so the cut must step back to 4095.
        var cjk = string.Concat(Enumerable.Repeat("鏈", 100 * 1024 / 3));
        // 2-byte chars after one ASCII char: 4096 again falls inside a char (4095 is kept).
        var latin = "a" + string.Concat(Enumerable.Repeat("é", 50 * 1024));
        // Surrogate pairs (4 bytes): 1 + 4 * 1023 = 4093, the next pair would end at 4097.
        var emoji = "a" + string.Concat(Enumerable.Repeat("😀", 25 * 1024));
        var logValue = string.Concat(Enumerable.Repeat("鏈", 100 * 1024 / 3));
        var blob = Enumerable.Range(0, 100 * 1024).Select(i => (byte)i).ToArray();

        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var tracer = agent.Configure("truncation", sourceName).Start();
        using (var span = source.StartActivity("huge-values")!)
        {
            span.SetTag("cjk", cjk);
            span.SetTag("latin", latin);
            span.SetTag("emoji", emoji);
            span.SetTag("small", "intact");
            span.SetTag("blob", blob);
            span.AddEvent(new ActivityEvent("dump", tags: new ActivityTagsCollection { ["payload"] = logValue }));
        }

        tracer.Dispose();

        var batch = Assert.Single(agent.WaitForSpans(1));
        var received = Assert.Single(batch.Spans);
        Assert.Equal("huge-values", received.OperationName);
        AssertTruncated(cjk, (string)received.Tag("cjk")!, expectedBytes: 4095);
        AssertTruncated(latin, (string)received.Tag("latin")!, expectedBytes: 4095);
        AssertTruncated(emoji, (string)received.Tag("emoji")!, expectedBytes: 4093);
        AssertTruncated(logValue, (string)Assert.Single(received.Logs)["payload"]!, expectedBytes: 4095);
        Assert.Equal("intact", received.Tag("small"));
        Assert.Equal(blob.AsSpan(0, MaxValueBytes).ToArray(), received.Tag("blob"));
        Assert.All(agent.Datagrams, d => Assert.True(d.Length <= ReporterConfiguration.DefaultMaxPacketSize));

        var counters = tracer.Counters;
        Assert.Equal(5, counters.TagValuesTruncated);
        Assert.Equal(1, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
    }

    [Fact]
    public void A_100_KB_tag_value_is_truncated_at_a_character_boundary_over_http_too()
    {
        var cjk = string.Concat(Enumerable.Repeat("鏈", 100 * 1024 / 3));
        var emoji = "a" + string.Concat(Enumerable.Repeat("😀", 25 * 1024));

        using var collector = new HttpCollector();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("truncation-http");
        config.Sender.Endpoint = collector.Endpoint;
        config.Sources.Add(sourceName);
        var tracer = config.Start();
        using (var span = source.StartActivity("huge-values")!)
        {
            span.SetTag("cjk", cjk);
            span.SetTag("emoji", emoji);
        }

        tracer.Dispose();

        var received = Assert.Single(HttpCollector.Decode(Assert.Single(collector.Requests).Body).Spans);
        AssertTruncated(cjk, (string)received.Tag("cjk")!, expectedBytes: 4095);
        AssertTruncated(emoji, (string)received.Tag("emoji")!, expectedBytes: 4093);
        Assert.Equal(2, tracer.Counters.TagValuesTruncated);
        Assert.Equal(1, tracer.Counters.SpansReported);
    }

    [Fact]
    public void A_span_too_large_for_any_packet_is_dropped_and_counted_while_the_others_arrive()
    {
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("too-large", sourceName);
        config.Reporter.MaxPacketSize = 65_000;
        var tracer = config.Start();

        var value = new string('v', MaxValueBytes);
        var expected = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 30; i++)
        {
            using var before = source.StartActivity("before-" + i)!;
            before.SetTag("payload", value);
        }

        using (var huge = source.StartActivity("huge")!)
        {
            // 40 tags of 4 KB: about 160 KB, more than two packets' worth, none of it truncated.
            for (var t = 0; t < 40; t++) huge.SetTag("part-" + t, value);
        }

        for (var i = 0; i < 30; i++)
        {
            using var after = source.StartActivity("after-" + i)!;
            after.SetTag("payload", value);
        }

        tracer.Dispose();

        var counters = tracer.Counters;
        Assert.True(Poll.Until(() => agent.Datagrams.Count >= counters.PacketsSent));
        var spans = agent.Datagrams.Select(UdpAgent.Decode).SelectMany(b => b.Spans).ToList();
        var names = spans.Select(s => s.OperationName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var wanted = Enumerable.Range(0, 30).SelectMany(i => new[] { "before-" + i, "after-" + i }).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(wanted, names);
        Assert.All(spans, s => Assert.Equal(value, s.Tag("payload")));
        Assert.All(agent.Datagrams, d => Assert.True(d.Length <= 65_000, $"{d.Length} bytes"));

        Assert.Equal(61, counters.SpansFinished);
        Assert.Equal(1, counters.SpansDroppedTooLarge);
        Assert.Equal(60, counters.SpansReported);
        Assert.Equal(counters.SpansFinished, counters.SpansReported + counters.SpansDropped);
        Assert.Equal(0, counters.TagValuesTruncated);
    }

    private static void AssertTruncated(string original, string received, int expectedBytes)
    {
        var bytes = Encoding.UTF8.GetByteCount(received);
        Assert.StartsWith(received, original, StringComparison.Ordinal);
        Assert.InRange(bytes, MaxValueBytes - 3, MaxValueBytes);
        Assert.Equal(expectedBytes, bytes);
        Assert.DoesNotContain('\uFFFD', received);
    }
}
