using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Instrumentation.Benchmarks.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Instrumentation.Benchmarks.Burst;

/// <summary>
/// One contender of the burst, in its own process (so its CPU time is its own): start the
/// pipeline, create the spans from two threads as fast as possible, dispose (flush) the pipeline,
/// then print one <c>RESULT</c> line with timings, CPU and the contender's own delivery counts.
/// </summary>
internal static class BurstChild
{
    public static int Run(string[] args)
    {
        var contender = args[0];
        var port = int.Parse(args[1], CultureInfo.InvariantCulture);
        var total = int.Parse(args[2], CultureInfo.InvariantCulture);
        var threads = int.Parse(args[3], CultureInfo.InvariantCulture);

        using var source = new ActivitySource("Bench.Burst." + contender);
        Tracer? tracer = null;
        TracerProvider? provider = null;
        CountingExporter? counting = null;
        if (contender == "ours")
        {
            tracer = new TracerConfiguration("burst")
            {
                Sources = { source.Name },
                Sender = { AgentHost = "127.0.0.1", AgentPort = port },
            }.Start();
        }
        else
        {
            counting = new CountingExporter(OtlpFactory.Create(new Uri($"http://127.0.0.1:{port}/v1/traces")));
            provider = Sdk.CreateTracerProviderBuilder()
                .AddSource(source.Name)
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(new BatchActivityExportProcessor(counting))
                .Build();
        }

        var start = new ManualResetEventSlim(false);
        var workers = new Thread[threads];
        var perThread = total / threads;
        for (var t = 0; t < threads; t++)
        {
            var count = t == threads - 1 ? total - perThread * (threads - 1) : perThread;
            workers[t] = new Thread(() =>
            {
                start.Wait();
                for (var i = 0; i < count; i++)
                {
                    using var a = source.StartActivity("op");
                    a?.SetTag("order.id", i);
                    a?.SetTag("http.method", "GET");
                }
            }) { Name = "burst producer " + t };
            workers[t].Start();
        }

        var produce = Stopwatch.StartNew();
        start.Set();
        foreach (var worker in workers) worker.Join();
        produce.Stop();

        var flush = Stopwatch.StartNew();
        long delivered, dropped;
        string detail;
        if (tracer is not null)
        {
            tracer.Dispose();
            var counters = tracer.Counters;
            delivered = counters.SpansReported;
            dropped = counters.SpansDropped;
            detail = counters.ToString();
        }
        else
        {
            var sdk = provider!;
            sdk.ForceFlush();
            sdk.Dispose();
            delivered = counting!.Exported;
            dropped = total - delivered;
            detail = $"offeredToExporter={counting.Offered} exportedOk={counting.Exported}";
        }

        flush.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT contender={contender} spans={total} produceMs={produce.Elapsed.TotalMilliseconds:0} flushMs={flush.Elapsed.TotalMilliseconds:0} " +
            $"cpuMs={cpu.TotalMilliseconds:0} delivered={delivered} dropped={dropped} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} " +
            $"gcPauseMs={GC.GetTotalPauseDuration().TotalMilliseconds:0} allocatedMB={GC.GetTotalAllocatedBytes() / 1048576.0:0} peakWorkingSetMB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0}"));
        Console.WriteLine("DETAIL " + detail);
        return 0;
    }
}
