using System;
using OpenTelemetry.Exporter;

namespace Instrumentation.Benchmarks.Infrastructure;

internal static class OtlpFactory
{
    /// <summary>OpenTelemetry's OTLP trace exporter, protobuf over HTTP, to <paramref name="endpoint"/>.</summary>
    public static OtlpTraceExporter Create(Uri endpoint) => new(new OtlpExporterOptions
    {
        Protocol = OtlpExportProtocol.HttpProtobuf,
        Endpoint = endpoint,
    });
}
