using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Instrumentation.Benchmarks.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Instrumentation.Benchmarks;

/// <summary>
/// The exporter alone: 10,000 finished spans (traces of 10, two tags each, built once) turned into
/// bytes on a local socket. Ours: <c>SpanBatcher</c> with the compact <c>emitBatch</c> format and
/// <c>UdpTransport</c> to a 127.0.0.1 UDP socket drained by a thread. OpenTelemetry:
/// <c>OtlpTraceExporter</c>, protobuf over HTTP to a 127.0.0.1 sink that discards bodies and
/// answers 200. Times are per span (OperationsPerInvoke = 10,000).
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class ExporterBenchmarks
{
    public const int SpanCount = 10_000;
    public const int SpansPerTrace = 10;

    private Activity[] spans = [];
    private UdpSink? agent;
    private JaegerUdpExporter? ours;
    private HttpSink? collector;
    private OtlpTraceExporter? otlp;
    private DiscardingHttpHandler? discardingHttp;

    [GlobalSetup(Target = nameof(Ours))]
    public void SetupOurs()
    {
        spans = SpanFactory.Create(SpanCount, SpansPerTrace);
        agent = new UdpSink();
        ours = new JaegerUdpExporter("bench", port: agent.Port);
    }

    [GlobalCleanup(Target = nameof(Ours))]
    public void CleanupOurs()
    {
        var counters = ours!.Counters.Snapshot();
        Console.WriteLine($"// Ours: {counters}; {(double)counters.BytesSent / Math.Max(1, counters.SpansReported):0.0} bytes/span on the wire; agent received {agent!.Datagrams} datagrams");
        ours.Dispose();
        agent.Dispose();
    }

    [GlobalSetup(Target = nameof(OursSerializeOnly))]
    public void SetupSerializeOnly()
    {
        spans = SpanFactory.Create(SpanCount, SpansPerTrace);
        ours = new JaegerUdpExporter("bench", new DiscardingTransport());
    }

    [GlobalSetup(Target = nameof(OtlpHttpProtobuf))]
    public void SetupOtlp()
    {
        spans = SpanFactory.Create(SpanCount, SpansPerTrace);
        collector = new HttpSink();
        otlp = OtlpFactory.Create(collector.TracesEndpoint);
    }

    [GlobalSetup(Target = nameof(OtlpSerializeOnly))]
    public void SetupOtlpSerializeOnly()
    {
        spans = SpanFactory.Create(SpanCount, SpansPerTrace);
        discardingHttp = new DiscardingHttpHandler();
        otlp = OtlpFactory.CreateSerializeOnly(discardingHttp);
    }

    [GlobalCleanup(Target = nameof(OtlpSerializeOnly))]
    public void CleanupOtlpSerializeOnly()
    {
        Console.WriteLine($"// OTLP serialize only: {discardingHttp!.BodyBytes} body bytes");
        otlp!.Dispose();
    }

    [GlobalCleanup(Target = nameof(OtlpHttpProtobuf))]
    public void CleanupOtlp()
    {
        Console.WriteLine($"// OTLP: {collector!.Requests} requests, {collector.BodyBytes} body bytes");
        otlp!.Dispose();
        collector.Dispose();
    }

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public void Ours() => ours!.Export(spans);

    /// <summary>The same without the socket: what serializing costs, apart from the kernel's send.</summary>
    [Benchmark(OperationsPerInvoke = SpanCount)]
    public void OursSerializeOnly() => ours!.Export(spans);

    [Benchmark(Baseline = true, OperationsPerInvoke = SpanCount)]
    public ExportResult OtlpHttpProtobuf()
    {
        var result = otlp!.Export(new Batch<Activity>(spans, spans.Length));
        if (result != ExportResult.Success) throw new InvalidOperationException("OTLP export failed");
        return result;
    }

    /// <summary>OTLP without its send: the body is serialized and read by a handler that answers 200 (see <see cref="DiscardingHttpHandler"/>).</summary>
    [Benchmark(OperationsPerInvoke = SpanCount)]
    public ExportResult OtlpSerializeOnly()
    {
        var result = otlp!.Export(new Batch<Activity>(spans, spans.Length));
        if (result != ExportResult.Success) throw new InvalidOperationException("OTLP export failed");
        return result;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new SpansPerSecondColumn());
            AddColumn(new RatioToColumn(nameof(OtlpHttpProtobuf), "vs OTLP"));
            AddColumn(new WireBytesColumn());
        }
    }
}
