using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Infrastructure;

namespace Instrumentation.Benchmarks;

/// <summary>
/// Issue 13 target 5: what a default <c>[Traced]</c> span costs over the same span written by hand,
/// with our tracer running (sending to a local agent socket). Every row makes one span with the two
/// tags of the exporter set. <see cref="HandWritten"/> has no code tags (the baseline the target
/// names); <see cref="Traced"/> is the generated interceptor with the default code tags;
/// <see cref="HandWrittenWithCodeTags"/> sets the three <c>code.*</c> tags on the Activity by hand,
/// which is what <see cref="TracedCodeTagsOnActivity"/> (the tracer's <c>CodeTagsOnActivity</c>) costs.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class TracedSpanBenchmarks
{
    private const string HandSourceName = "Bench.TracedSpan.HandWritten";
    private static readonly ActivitySource HandSource = new(HandSourceName);
    private static readonly object LineNumber = 42;

    private UdpSink? agent;
    private Tracer? tracer;
    private int order;

    [GlobalSetup(Targets = [nameof(HandWritten), nameof(Traced), nameof(HandWrittenWithCodeTags)])]
    public void Setup() => Start(codeTagsOnActivity: false);

    [GlobalSetup(Target = nameof(TracedCodeTagsOnActivity))]
    public void SetupTagsOnActivity() => Start(codeTagsOnActivity: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        tracer!.Dispose();
        Console.WriteLine($"// {tracer.Counters}; agent received {agent!.Datagrams} datagrams, {agent.Bytes} bytes");
        agent.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void HandWritten()
    {
        using var span = HandSource.StartActivity("OrderService.GetOrder");
        SpanFactory.AddTags(span!, ++order);
    }

    [Benchmark]
    public void Traced() => Orders.GetOrder(++order);

    [Benchmark]
    public void HandWrittenWithCodeTags()
    {
        using var span = HandSource.StartActivity("OrderService.GetOrder");
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("code.function.name", "Instrumentation.Benchmarks.Orders.GetOrder");
            span.SetTag("code.file.path", "/src/benchmarks/TracedSpanBenchmarks.cs");
            span.SetTag("code.line.number", LineNumber);
        }

        SpanFactory.AddTags(span!, ++order);
    }

    [Benchmark]
    public void TracedCodeTagsOnActivity() => Orders.GetOrder(++order);

    private void Start(bool codeTagsOnActivity)
    {
        agent = new UdpSink();
        tracer = new TracerConfiguration("bench")
        {
            Sources = { HandSourceName },
            Sender = { AgentHost = "127.0.0.1", AgentPort = agent.Port },
            CodeTagsOnActivity = codeTagsOnActivity,
        }.Start();
    }
}

public static class Orders
{
    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void GetOrder(int id) => SpanFactory.AddTags(Activity.Current!, id);
}
