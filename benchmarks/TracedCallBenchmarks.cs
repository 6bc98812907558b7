using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Instrumentation.Benchmarks.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Instrumentation.Benchmarks;

/// <summary>
/// The cost of one traced call on the application thread:
/// <c>using var a = source.StartActivity("op"); a?.SetTag("k", 1);</c> with nobody listening,
/// with a bare listener (the Activity alone), with our tracer (to a drained local agent socket, and
/// to a socket nobody reads), with the OpenTelemetry SDK and an
/// exporter that discards (the comparison asked for), and with the SDK and its OTLP exporter.
/// Each contender has its own <see cref="ActivitySource"/> and only its own listener is set up
/// (BenchmarkDotNet runs every benchmark in its own process, with its targeted [GlobalSetup]).
/// Work that the contenders move to a background thread (serializing, sending) is not on the
/// measured thread, but competes for the machine's second core and for the GC.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class TracedCallBenchmarks
{
    // Listeners match by name: the sources are static fields, created lazily on first use, possibly
    // after the listener (a lambda comparing references would see a half-initialized field).
    private const string BareSourceName = "Bench.TracedCall.Bare";
    private const string FloorSourceName = "Bench.TracedCall.StopFloor";
    private static readonly ActivitySource NoListenerSource = new("Bench.TracedCall.NoListener");
    private static readonly ActivitySource BareSource = new(BareSourceName);
    private static readonly ActivitySource FloorSource = new(FloorSourceName);
    private static readonly ActivitySource OursSource = new("Bench.TracedCall.Ours");
    private static readonly ActivitySource OursNoAgentSource = new("Bench.TracedCall.OursNoAgent");
    private static readonly ActivitySource OtelSource = new("Bench.TracedCall.OpenTelemetry");
    private static readonly ActivitySource OtelOtlpSource = new("Bench.TracedCall.OpenTelemetryOtlp");

    private ActivityListener? bareListener;
    private UdpSink? agent;
    private Tracer? tracer;
    private Socket? unread;
    private DiscardingExporter? discarding;
    private TracerProvider? provider;
    private HttpSink? collector;
    private CountingExporter? otlp;

    [GlobalSetup(Target = nameof(BareActivity))]
    public void SetupBare()
    {
        // The Activity alone: sampled and recorded like the others, with no started/stopped callbacks.
        bareListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == BareSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(bareListener);
    }

    [GlobalCleanup(Target = nameof(BareActivity))]
    public void CleanupBare() => bareListener?.Dispose();

    [GlobalSetup(Target = nameof(StopCallbackFloor))]
    public void SetupStopCallbackFloor()
    {
        // The least any reporter can add: a stop callback that hands the span over with one plain
        // store (no queue, no counter, nothing sent). Below this no listener that sees finished
        // spans can go; it is the floor of issue 13's target 1.
        bareListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == FloorSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => lastStopped = span,
        };
        ActivitySource.AddActivityListener(bareListener);
    }

    [GlobalCleanup(Target = nameof(StopCallbackFloor))]
    public void CleanupStopCallbackFloor() => bareListener?.Dispose();

    private static Activity? lastStopped;

    [GlobalSetup(Target = nameof(Ours))]
    public void SetupOurs()
    {
        agent = new UdpSink();
        tracer = new TracerConfiguration("bench")
        {
            Sources = { OursSource.Name },
            Sender = { AgentHost = "127.0.0.1", AgentPort = agent.Port },
        }.Start();
    }

    [GlobalCleanup(Target = nameof(Ours))]
    public void CleanupOurs()
    {
        tracer!.Dispose();
        Console.WriteLine($"// Ours: {tracer.Counters}; agent received {agent!.Datagrams} datagrams, {agent.Bytes} bytes");
        agent.Dispose();
    }

    [GlobalSetup(Target = nameof(OursNoAgentThread))]
    public void SetupOursNoAgentThread()
    {
        // The same tracer, sending to a bound socket that nobody reads: the kernel drops datagrams
        // once its buffer is full, without errors. Measures ours without a stand-in agent's thread
        // competing for this 2-core machine (OpenTelemetry's discarding exporter has none either).
        unread = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        unread.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tracer = new TracerConfiguration("bench")
        {
            Sources = { OursNoAgentSource.Name },
            Sender = { AgentHost = "127.0.0.1", AgentPort = ((IPEndPoint)unread.LocalEndPoint!).Port },
        }.Start();
    }

    [GlobalCleanup(Target = nameof(OursNoAgentThread))]
    public void CleanupOursNoAgentThread()
    {
        tracer!.Dispose();
        Console.WriteLine($"// Ours, no agent thread: {tracer.Counters}");
        unread!.Dispose();
    }

    [GlobalSetup(Target = nameof(OpenTelemetry))]
    public void SetupOpenTelemetry()
    {
        discarding = new DiscardingExporter();
        provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(OtelSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(discarding))
            .Build();
    }

    [GlobalCleanup(Target = nameof(OpenTelemetry))]
    public void CleanupOpenTelemetry()
    {
        provider!.Dispose();
        Console.WriteLine($"// OpenTelemetry: exporter was handed {discarding!.Exported} spans");
    }

    [GlobalSetup(Target = nameof(OpenTelemetryOtlp))]
    public void SetupOpenTelemetryOtlp()
    {
        // Like for like with ours: the SDK's default batch processor and a real exporter (OTLP,
        // protobuf over HTTP to a local sink), instead of an exporter that does nothing.
        collector = new HttpSink();
        otlp = new CountingExporter(OtlpFactory.Create(collector.TracesEndpoint));
        provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(OtelOtlpSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(otlp))
            .Build();
    }

    [GlobalCleanup(Target = nameof(OpenTelemetryOtlp))]
    public void CleanupOpenTelemetryOtlp()
    {
        provider!.Dispose();
        Console.WriteLine($"// OpenTelemetry + OTLP: exporter was handed {otlp!.Offered} spans, {otlp.Exported} exported; sink {collector!.Requests} requests");
        collector.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NoListener()
    {
        using var a = NoListenerSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    [Benchmark]
    public void BareActivity()
    {
        using var a = BareSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    [Benchmark]
    public void StopCallbackFloor()
    {
        using var a = FloorSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    [Benchmark]
    public void Ours()
    {
        using var a = OursSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    [Benchmark]
    public void OursNoAgentThread()
    {
        using var a = OursNoAgentSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    [Benchmark]
    public void OpenTelemetry()
    {
        using var a = OtelSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    [Benchmark]
    public void OpenTelemetryOtlp()
    {
        using var a = OtelOtlpSource.StartActivity("op");
        a?.SetTag("k", 1);
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new RatioToColumn(nameof(OpenTelemetry), "vs OTel"));
    }
}
