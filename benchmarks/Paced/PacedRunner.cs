using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Instrumentation.Benchmarks.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Instrumentation.Benchmarks.Paced;

/// <summary>
/// <c>paced [spansPerSecond]</c>: the traced call of <see cref="TracedCallBenchmarks"/> at about a
/// fixed rate (default 500,000 spans/s on one thread, paced by a fixed amount of busy work between
/// calls), each contender in its own process. Reports the app thread's own CPU per call (thread CPU time, minus the spin measured
/// alone), which a wall-clock benchmark on a shared 2-core machine cannot separate from the
/// background threads' and other processes' CPU, plus the process CPU per call (everything:
/// background reporter/exporter, GC) and the GCs.
/// </summary>
internal static class PacedRunner
{
    private const int Spans = 2_000_000;
    private static readonly string[] Contenders = ["bare", "floor", "ours", "otel", "otel-otlp"];

    public static int Run(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
        var rows = new List<Dictionary<string, string>>();
        foreach (var contender in Contenders)
        {
            var values = Child(contender, rate);
            rows.Add(values);
            Console.WriteLine(string.Join(' ', values.Select(p => $"{p.Key}={p.Value}")));
        }

        double Get(string contender, string key) =>
            double.Parse(rows.First(r => r["contender"] == contender)[key], CultureInfo.InvariantCulture);
        var otelApp = Get("otel", "appNsPerSpan");
        Console.WriteLine();
        Console.WriteLine($"Paced: {Spans:N0} spans at {rate:N0}/s on one thread, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| Contender | App thread ns/call | vs OTel (app thread) | Process CPU ns/call | GCs (0/1/2) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var app = double.Parse(row["appNsPerSpan"], CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row["contender"]} | {app:0} | {app / otelApp:0.00} | {row["processNsPerSpan"]} | {row["gcs"]} |"));
        }

        return 0;
    }

    public static int RunChild(string[] args)
    {
        var contender = args[0];
        var rate = int.Parse(args[1], CultureInfo.InvariantCulture);
        var source = new ActivitySource("Bench.Paced." + contender);
        IDisposable? pipeline = null;
        IDisposable? sink = null;
        switch (contender)
        {
            case "bare":
                var listener = new ActivityListener
                {
                    ShouldListenTo = s => s.Name == source.Name,
                    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                };
                ActivitySource.AddActivityListener(listener);
                pipeline = listener;
                break;
            case "floor":
                // The least a reporter can add: a stop callback that hands the span over with one
                // plain store. Issue 13's target 1 is measured against what lies above "bare".
                var floor = new ActivityListener
                {
                    ShouldListenTo = s => s.Name == source.Name,
                    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                    ActivityStopped = span => lastStopped = span,
                };
                ActivitySource.AddActivityListener(floor);
                pipeline = floor;
                break;
            case "ours":
                var agent = new UdpSink();
                sink = agent;
                pipeline = new TracerConfiguration("paced")
                {
                    Sources = { source.Name },
                    Sender = { AgentHost = "127.0.0.1", AgentPort = agent.Port },
                }.Start();
                break;
            case "otel":
                pipeline = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).SetSampler(new AlwaysOnSampler())
                    .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter())).Build();
                break;
            default:
                var collector = new HttpSink();
                sink = collector;
                pipeline = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).SetSampler(new AlwaysOnSampler())
                    .AddProcessor(new BatchActivityExportProcessor(OtlpFactory.Create(collector.TracesEndpoint))).Build();
                break;
        }

        // The gap between calls: a period of 1/rate, less the ~250 ns a traced call itself takes.
        var spin = Calibrate(Math.Max(0, 1e9 / rate - 250));
        Loop(source, Spans / 10, spin, traced: true); // warm up (JIT tiers, pools)
        var spinBefore = Loop(source, Spans / 2, spin, traced: false);
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        var process0 = Process.GetCurrentProcess().TotalProcessorTime;
        var traced = Loop(source, Spans, spin, traced: true);
        var process = Process.GetCurrentProcess().TotalProcessorTime - process0;
        var spinOnly = spinBefore + Loop(source, Spans / 2, spin, traced: false); // halves before and after, against drift
        var gcs = $"{GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2}";
        pipeline?.Dispose();
        sink?.Dispose();

        var app = (traced - spinOnly).TotalNanoseconds / Spans;
        var processPerSpan = (process - spinOnly).TotalNanoseconds / Spans;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT contender={contender} appNsPerSpan={app:0.0} processNsPerSpan={processPerSpan:0} gcs={gcs}"));
        return 0;
    }

    /// <summary>
    /// Thread CPU of <paramref name="count"/> rounds of a traced call (or not) and a fixed amount of
    /// busy work (<paramref name="spin"/> iterations): fixed work, not a deadline, so the traced
    /// call's CPU is the difference between a traced and an untraced loop.
    /// </summary>
    private static TimeSpan Loop(ActivitySource source, int count, int spin, bool traced)
    {
        var start = ThreadCpu.Now();
        for (var i = 0; i < count; i++)
        {
            if (traced)
            {
                using var a = source.StartActivity("op");
                a?.SetTag("k", 1);
            }

            Spin(spin);
        }

        return ThreadCpu.Now() - start;
    }

    private static long spinSink;
    private static Activity? lastStopped;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Spin(int iterations)
    {
        var x = spinSink;
        for (var j = 0; j < iterations; j++) x = (x * 31) + j;
        spinSink = x;
    }

    /// <summary>Spin iterations that take about <paramref name="nanoseconds"/> of CPU.</summary>
    private static int Calibrate(double nanoseconds)
    {
        const int probe = 10_000_000;
        Spin(probe);
        var start = ThreadCpu.Now();
        Spin(probe);
        var perIteration = (ThreadCpu.Now() - start).TotalNanoseconds / probe;
        return (int)Math.Max(0, nanoseconds / perIteration);
    }

    private static Dictionary<string, string> Child(string contender, int rate)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in new[] { "paced-child", contender, rate.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"paced child '{contender}' printed no result (exit {child.ExitCode}):\n{output}");
        return line.Substring(7).Trim().Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }
}
