using System;
using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Diagnostics;
using Instrumentation.Propagation;
using Instrumentation.Sampling;
using Instrumentation.Thrift;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The compact fast path (<see cref="CompactSpanWriter"/>) must write exactly the bytes of the
/// general path (<see cref="JaegerSpanSerializer"/> through <see cref="ThriftCompactWriter"/>),
/// and count the same truncations, for every shape of span: spans it declines fall back, so
/// comparing the two serializers covers both the fast bytes and the decision to decline.
/// </summary>
public sealed class CompactFastPathTests
{
    private static readonly object?[] Values =
    [
        1, -2, int.MinValue, 2L, long.MaxValue, long.MinValue, (short)3, (byte)4, (sbyte)-5, (ushort)6, 7u, 8ul, ulong.MaxValue,
        1.5, double.NaN, -0.0, 2.5f, 3.5m, true, false, "text", "", "ünïcödé 😀", "\ud800", new string('x', 5000), new string('é', 3000),
        new string('z', 42), new string('z', 43), new string('ü', 42), new byte[] { 1, 2, 3 }, new[] { 1, 2 }, new[] { "a\"b", null },
        'c', DateTime.UnixEpoch, null,
    ];

    [Theory]
    [InlineData("const", 4096)]
    [InlineData("probabilistic", 4096)]
    [InlineData("ratelimiting", 4096)]
    [InlineData("const", 10)]
    [InlineData("probabilistic", 1)]
    public void Fast_and_general_compact_paths_write_the_same_bytes(string samplerType, int maxValueBytes)
    {
        ISampler sampler = samplerType switch
        {
            "probabilistic" => new ProbabilisticSampler(0.25),
            "ratelimiting" => new RateLimitingSampler(2),
            _ => new ConstSampler(true),
        };
        var spans = Spans();
        var fastCounters = new ReporterCounters();
        var generalCounters = new ReporterCounters();
        var fast = new JaegerSpanSerializer(new TagValueWriter(maxValueBytes, fastCounters), sampler);
        var general = new JaegerSpanSerializer(new TagValueWriter(maxValueBytes, generalCounters), sampler, compactFastPath: false);
        var fastBuffer = new ByteBuffer(256);
        var generalBuffer = new ByteBuffer(256);
        var fastWriter = new ThriftCompactWriter(fastBuffer);
        var generalWriter = new ThriftCompactWriter(generalBuffer);

        for (var round = 0; round < 2; round++) // the second round uses the cached repeated tags
        {
            foreach (var span in spans)
            {
                fastBuffer.Length = 0;
                generalBuffer.Length = 0;
                fast.Write(fastWriter, span);
                general.Write(generalWriter, span);
                Assert.True(
                    fastBuffer.Data.AsSpan(0, fastBuffer.Length).SequenceEqual(generalBuffer.Data.AsSpan(0, generalBuffer.Length)),
                    $"span '{Shorten(span.DisplayName)}' from '{Shorten(span.Source.Name)}': {fastBuffer.Length} bytes fast, {generalBuffer.Length} general");
            }
        }

        var f = fastCounters.Snapshot();
        var g = generalCounters.Snapshot();
        Assert.Equal(g.TagValuesTruncated, f.TagValuesTruncated);
        Assert.Equal(g.BadTagValues, f.BadTagValues);
    }

    [Fact]
    public void Varints_of_every_length_match_the_byte_loop()
    {
        var values = new List<ulong> { 0, 1, 0x7F, 0x80, ulong.MaxValue, long.MaxValue, 1UL << 63 };
        for (var bit = 0; bit < 64; bit++)
        {
            values.Add(1UL << bit);
            values.Add((1UL << bit) - 1);
            values.Add((1UL << bit) + 1);
        }

        var random = new Random(7);
        for (var i = 0; i < 10_000; i++) values.Add((ulong)random.NextInt64() >> random.Next(64));

        var buffer = new byte[16];
        foreach (var value in values)
        {
            var end = CompactVarInt.Write(buffer, 0, value);
            var expected = new List<byte>();
            var v = value;
            while (v >= 0x80)
            {
                expected.Add((byte)(v | 0x80));
                v >>= 7;
            }

            expected.Add((byte)v);
            Assert.Equal(expected.ToArray(), buffer.AsSpan(0, end).ToArray());
        }
    }

    [Fact]
    public void Ids_split_as_their_bytes_read()
    {
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 1000; i++)
        {
            var traceId = ActivityTraceId.CreateRandom();
            var spanId = ActivitySpanId.CreateRandom();
            JaegerIds.Split(traceId, out var high, out var low);
            traceId.CopyTo(bytes);
            Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes), high);
            Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(8)), low);
            spanId.CopyTo(bytes.Slice(0, 8));
            Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes), JaegerIds.ToLong(spanId));
        }

        Assert.Equal(0, JaegerIds.ToLong(default));
        Assert.Equal(-1, JaegerIds.ToLong(ActivitySpanId.CreateFromString("ffffffffffffffff".AsSpan())));
    }

    [Fact]
    public void Text_encodes_as_UTF8_whatever_its_length_and_wherever_its_non_ASCII_chars_are()
    {
        var random = new Random(5);
        var specials = "é😀\ud800\udc00ü\u0080\u07ff\u0800\uffff";
        var destination = new byte[512];
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(41)];
            for (var c = 0; c < chars.Length; c++) chars[c] = (char)random.Next(32, 127);
            if (chars.Length > 0 && i % 3 != 0) chars[random.Next(chars.Length)] = specials[random.Next(specials.Length)];
            var text = new string(chars);
            var at = random.Next(8);

            var written = Utf8Text.Encode(text, destination, at);

            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), destination.AsSpan(at, written).ToArray());
        }
    }

    [Fact]
    public void Hex_digits_read_as_the_parser_reads_them_and_anything_else_is_refused()
    {
        var random = new Random(11);
        var digits = "0123456789abcdef";
        // Neighbours of the digit ranges, upper case, and chars whose low byte is a digit.
        var others = ":/@`gGAF \u00e9\u0130\u0161\u0100\uff10";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[16];
            for (var c = 0; c < 16; c++) chars[c] = digits[random.Next(16)];
            if (i % 4 == 1) chars[random.Next(16)] = (char)random.Next(0x10000);
            if (i % 4 == 3) chars[random.Next(16)] = others[random.Next(others.Length)];
            var text = "xx" + new string(chars);
            var valid = Array.TrueForAll(chars, c => digits.IndexOf(c) >= 0);

            Assert.Equal(valid, JaegerIds.TryParseHex64(text, 2, out var value));
            if (valid) Assert.Equal(ulong.Parse(new string(chars), System.Globalization.NumberStyles.HexNumber), (ulong)value);
        }
    }

    private static List<Activity> Spans()
    {
        var spans = new List<Activity>();
        var sources = new[]
        {
            new ActivitySource("fast.a." + Guid.NewGuid().ToString("N")),
            new ActivitySource("fast.b." + Guid.NewGuid().ToString("N"), "1.2.3"),
            new ActivitySource(new string('s', 5000)),
            new ActivitySource("fäst.ünï." + Guid.NewGuid().ToString("N")),
            new ActivitySource(""),
        };
        var traced = new ActivitySource("fast.traced." + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => Array.IndexOf(sources, s) >= 0 || s == traced,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        foreach (var source in sources)
        {
            for (var i = 0; i < 120; i++)
            {
                var name = i % 7 == 0 ? "ünïcödé op" : i % 11 == 0 ? new string('o', 300) : "op" + i;
                var root = source.StartActivity(name, (ActivityKind)(i % 5))!;
                for (var t = 0; t < i % 4; t++) root.SetTag("k" + t, Values[(i + t) % Values.Length]);
                if (i % 13 == 0)
                {
                    for (var t = 0; t < 20; t++) root.SetTag("many" + t, t % 2 == 0 ? t : "v" + t);
                }

                if (i % 17 == 0) root.AddTag("nothing", (object?)null);
                if (i % 23 == 0) root.SetTag(new string('k', 2000), 1);
                if (i % 3 == 0) root.SetStatus(ActivityStatusCode.Error, i % 2 == 0 ? "boom" : null);
                if (i % 5 == 0) root.SetStatus(ActivityStatusCode.Ok);
                if (i % 29 == 0) root.SetStatus(ActivityStatusCode.Error, new string('d', 3000));
                if (i % 4 == 0) root.AddEvent(new ActivityEvent("ev", DateTimeOffset.UtcNow, new ActivityTagsCollection { ["a"] = 1 }));
                var links = i % 6 == 0 ? new[] { new ActivityLink(root.Context) } : null;
                var child = source.StartActivity("child", ActivityKind.Client, default(ActivityContext), links: links)!;
                child.SetTag("order.id", i);
                child.SetTag("http.method", "GET");
                child.Stop();
                var remoteParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
                var remote = source.StartActivity("remote", ActivityKind.Server, remoteParent)!;
                remote.Stop();
                root.Stop();
                spans.Add(root);
                spans.Add(child);
                spans.Add(remote);
            }
        }

        AddTracedSpans(traced, spans);
        return spans;
    }

    /// <summary>Spans of traced methods while a tracer runs: their code tags come from the method's location, not the span.</summary>
    private static void AddTracedSpans(ActivitySource traced, List<Activity> spans)
    {
        var methods = new[]
        {
            new TracedMethod(traced, "Svc.Get", ActivityKind.Internal, "Ns.Svc.Get", "/src/Svc.cs", 12),
            new TracedMethod(traced, "Svc.Long", ActivityKind.Server, new string('f', 5000), "/src/" + new string('p', 100) + ".cs", 7),
            new TracedMethod(traced, "Svc.NoFile", ActivityKind.Client, "Ns.Svc.NoFile", null, 0),
            new TracedMethod(traced, "Svc.Ünï", ActivityKind.Internal, "Ns.Svc.Ünïcödé", "/src/ü.cs", 1),
        };
        CodeLocations.TracerStarted(tagsOnActivity: false);
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var span = methods[i % methods.Length].Start()!;
                Assert.Null(span.GetTagItem("code.function.name")); // the reporter adds it
                if (i % 3 == 0) span.SetTag("order.id", i);
                if (i % 5 == 0) span.SetStatus(ActivityStatusCode.Error, "boom");
                if (i % 7 == 0) span.AddEvent(new ActivityEvent("ev"));
                span.Stop();
                spans.Add(span);
            }
        }
        finally
        {
            CodeLocations.TracerStopped(tagsOnActivity: false);
        }
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text.Substring(0, 20) + "...";
}
