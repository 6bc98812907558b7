using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Instrumentation.Benchmarks.Infrastructure;
using Instrumentation.Thrift;

namespace Instrumentation.Benchmarks;

/// <summary>
/// <c>wire</c>: bytes on the wire per span for the exporter data set (and for roots and children
/// alone), ours against OTLP, and what one span's bytes are made of (the scope is a process tag
/// of each packet, counted in the datagram bytes, not in a span's).
/// </summary>
internal static class WireReport
{
    public static int Run()
    {
        var mix = SpanFactory.Create(ExporterBenchmarks.SpanCount, ExporterBenchmarks.SpansPerTrace);
        var roots = SpanFactory.Create(ExporterBenchmarks.SpanCount, 1);
        var children = mix.Where(s => s.Parent is not null).ToArray();

        Console.WriteLine("Bytes on the wire per span (two tags: order.id=int, http.method=\"GET\"; source \"" + SpanFactory.SourceName + "\")");
        Console.WriteLine();
        Console.WriteLine("| Spans | Ours (UDP datagram bytes / span) | OTLP HttpProtobuf (body bytes / span) |");
        Console.WriteLine("|---|---|---|");
        Row($"{mix.Length:N0}, traces of {ExporterBenchmarks.SpansPerTrace} (benchmark set)", WireStats.Measure(mix));
        Row($"{roots.Length:N0} roots", WireStats.Measure(roots));
        Row($"{children.Length:N0} children", WireStats.Measure(children));
        var traced = SpanFactory.CreateTraced(ExporterBenchmarks.SpanCount, ExporterBenchmarks.SpansPerTrace);
        // OTLP reads the code.* tags from the Activity; ours writes them from the method's one copy.
        var tracedWithTags = SpanFactory.CreateTraced(ExporterBenchmarks.SpanCount, ExporterBenchmarks.SpansPerTrace, codeTagsOnActivity: true);
        Row($"{traced.Length:N0} default [Traced] spans (code.* tags), traces of {ExporterBenchmarks.SpansPerTrace}", WireStats.Measure(traced, tracedWithTags));
        Console.WriteLine();

        using var ours = new JaegerUdpExporter("bench", new CountingTransport());
        Breakdown(ours, "root span", roots[0]);
        Breakdown(ours, "child span", children[0]);
        Breakdown(ours, "default [Traced] child span", tracedWithTags[1]); // its code tags counted as tags; the bytes are the same either way
        return 0;
    }

    private static void Row(string label, WireStats.Result r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {r.OursBytesPerSpan:0.0} ({r.OursPackets} datagrams) | {r.OtlpBytesPerSpan:0.0} ({r.OtlpRequests} requests) |"));

    private static void Breakdown(JaegerUdpExporter ours, string label, Activity span)
    {
        var total = Size(w => ours.Serializer.Write(w, span));
        var userTags = 0;
        foreach (var tag in span.EnumerateTagObjects()) userTags += Size(w => ours.Tags.Write(w, tag.Key, tag.Value!));
        var sampler = span.Parent is null
            ? Size(w => ours.Tags.WriteString(w, "sampler.type", "const")) + Size(w => ours.Tags.Write(w, "sampler.param", true))
            : 0;
        Console.WriteLine($"{label}: {total} bytes = {userTags} user tags + {sampler} sampler.type/param + {total - userTags - sampler} ids, name, flags, times, list headers, stop");
    }

    private static int Size(Action<IThriftWriter> write)
    {
        var buffer = new ByteBuffer(256);
        write(new ThriftCompactWriter(buffer));
        return buffer.Length;
    }
}
