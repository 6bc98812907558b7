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

    /// <summary>The same exporter whose HTTP client never sends: OTLP's serialization (and HttpClient's pipeline) alone.</summary>
    public static OtlpTraceExporter CreateSerializeOnly(DiscardingHttpHandler handler) => new(new OtlpExporterOptions
    {
        Protocol = OtlpExportProtocol.HttpProtobuf,
        Endpoint = new Uri("http://127.0.0.1:4318/v1/traces"),
        HttpClientFactory = () => new System.Net.Http.HttpClient(handler, disposeHandler: false),
    });
}
