using System;
using System.Diagnostics;
using OpenTelemetry;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Bytes on the wire per span for the exporter benchmark's data set, measured once by running
/// both exporters over it: ours counts datagram bytes (frame included), OTLP counts HTTP body bytes
/// (protobuf, headers excluded).
/// </summary>
internal static class WireStats
{
    private static readonly Lazy<Result> Measured = new(Measure);

    public static Result Value => Measured.Value;

    /// <summary>Ours for <paramref name="spans"/>, OTLP for <paramref name="otlpSpans"/> (the same spans as another pipeline sees them) or the same.</summary>
    public static Result Measure(Activity[] spans, Activity[]? otlpSpans = null)
    {
        var counting = new CountingTransport();
        using (var ours = new JaegerUdpExporter("bench", counting))
        {
            ours.Export(spans);
        }

        using var sink = new HttpSink();
        using (var otlp = OtlpFactory.Create(sink.TracesEndpoint))
        {
            otlpSpans ??= spans;
            var result = otlp.Export(new Batch<Activity>(otlpSpans, otlpSpans.Length));
            if (result != ExportResult.Success) throw new InvalidOperationException("OTLP export to the local sink failed");
        }

        return new Result(
            (double)counting.Bytes / spans.Length,
            counting.Packets,
            (double)sink.BodyBytes / otlpSpans.Length,
            sink.Requests);
    }

    private static Result Measure() =>
        Measure(SpanFactory.Create(ExporterBenchmarks.SpanCount, ExporterBenchmarks.SpansPerTrace));

    public sealed record Result(double OursBytesPerSpan, long OursPackets, double OtlpBytesPerSpan, long OtlpRequests);
}
