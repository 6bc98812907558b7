using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Instrumentation.Benchmarks.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Instrumentation.Benchmarks.Overhead;

/// <summary>
/// <c>overhead [rounds] [parts]</c>: issue 13 target 1, what each listener adds on top of the bare
/// Activity, measured so that this noisy 2-core host's drift cancels out. Every contender lives in
/// one process on its own <see cref="ActivitySource"/> (a source only calls the listeners that chose
/// it), and the rounds interleave them (a different order each round): each round runs a block of
/// traced calls per contender and reads the app thread's CPU time around it (so a background
/// thread's CPU is not charged, but a GC the block triggers is). Reported: the median over rounds
/// of each contender's ns per call and of the per-round differences to the bare row, which is what
/// the target compares (ours' addition &lt;= half of OpenTelemetry's).
/// </summary>
internal static class OverheadRunner
{
    private const int CallsPerBlock = 200_000;

    // The hand-off floor's ring and wake interval are the reporter's.
    private const int HandOffRing = Instrumentation.Reporting.TieredSpanQueue.HotSlots;
    private const int HandOffWakeEvery = Instrumentation.Reporting.RemoteReporter.WakeEvery;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) ? r : 30;
        var contenders = new List<(string Name, ActivitySource Source)>();
        var cleanup = new List<IDisposable>();

        var bare = new ActivitySource("Bench.Overhead.Bare");
        cleanup.Add(Listen(bare, stopped: null));
        contenders.Add(("bare Activity", bare));

        // The floor of any reporter: a stop callback that hands the span over with one plain store.
        var floor = new ActivitySource("Bench.Overhead.StopFloor");
        cleanup.Add(Listen(floor, stopped: span => lastStopped = span));
        contenders.Add(("stop-callback floor", floor));

        // The floor of any reporter that hands spans to a background thread: ours' mechanism with
        // nothing else (the started counter, the small ring, a wake every 1,024 spans, a thread that
        // takes the spans and drops them). What ours adds beyond this row is its serializing and
        // sending, which compete for the cores and keep spans queued longer.
        var handOffCounter = new Instrumentation.Diagnostics.StripedCounter();
        var handOffQueue = new Instrumentation.Reporting.SpanQueue(HandOffRing);
        var handOffWake = new System.Threading.ManualResetEventSlim(false);
        var handOff = new ActivitySource("Bench.Overhead.HandOffFloor");
        cleanup.Add(Listen(handOff, stopped: span =>
        {
            if ((handOffQueue.TryEnqueue(span) & (HandOffWakeEvery - 1)) == HandOffWakeEvery - 1) handOffWake.Set();
        }, sample: () => handOffCounter.Increment()));
        cleanup.Add(WokenDrainer(handOffQueue, handOffWake));
        contenders.Add(("hand-off floor", handOff));

        var ours = new ActivitySource("Bench.Overhead.Ours");
        var agent = new UdpSink();
        cleanup.Add(new TracerConfiguration("overhead")
        {
            Sources = { ours.Name },
            Sender = { AgentHost = "127.0.0.1", AgentPort = agent.Port },
        }.Start());
        cleanup.Add(agent);
        contenders.Add(("ours", ours));
        if (args.Contains("parts"))
        {
            // Where ours' addition comes from: the counter, the queue hand-off to a thread that
            // drains it (every millisecond, so spans wait as they do behind a busy reporter).
            var counter = new Instrumentation.Diagnostics.StripedCounter();
            var c1 = new ActivitySource("Bench.Overhead.Counter");
            cleanup.Add(Listen(c1, stopped: span => lastStopped = span, sample: () => counter.Increment()));
            contenders.Add(("floor + started counter", c1));

            var q2 = new Instrumentation.Reporting.SpanQueue(1 << 20);
            var c2 = new ActivitySource("Bench.Overhead.Queue");
            cleanup.Add(Listen(c2, stopped: span => q2.TryEnqueue(span), sample: () => counter.Increment()));
            cleanup.Add(Drainer(q2, touch: false));
            contenders.Add(("+ queue, drained", c2));

            // The same hand-off to a thread that takes each span at once (no wait, so no GC effect of
            // waiting), into a small ring and into the default-size one: the cost of the slots alone.
            foreach (var size in new[] { 1 << 12, 1 << 20 })
            {
                var ring = new Instrumentation.Reporting.SpanQueue(size);
                var ringSource = new ActivitySource("Bench.Overhead.QueueAtOnce" + size);
                cleanup.Add(Listen(ringSource, stopped: span => ring.TryEnqueue(span), sample: () => counter.Increment()));
                cleanup.Add(Drainer(ring, touch: false, spin: true));
                contenders.Add(($"+ queue of {size}, taken at once", ringSource));
            }

            var q3 = new Instrumentation.Reporting.SpanQueue(1 << 20);
            var c3 = new ActivitySource("Bench.Overhead.QueueTouch");
            cleanup.Add(Listen(c3, stopped: span => q3.TryEnqueue(span), sample: () => counter.Increment()));
            cleanup.Add(Drainer(q3, touch: true));
            contenders.Add(("+ queue, drainer reads fields", c3));
        }

        var otel = new ActivitySource("Bench.Overhead.OpenTelemetry");
        cleanup.Add(Sdk.CreateTracerProviderBuilder().AddSource(otel.Name).SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter())).Build()!);
        contenders.Add(("OpenTelemetry", otel));

        foreach (var (_, source) in contenders) Block(source, CallsPerBlock); // JIT tiers, pools

        var perCall = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        var gen1 = contenders.ToDictionary(c => c.Name, _ => 0);
        var gcPause = contenders.ToDictionary(c => c.Name, _ => TimeSpan.Zero);
        for (var round = 0; round < rounds; round++)
        {
            // Rotate the order so that no contender always follows the same one (GC debt, caches).
            for (var k = 0; k < contenders.Count; k++)
            {
                var (name, source) = contenders[(k + round) % contenders.Count];
                var gen1Before = GC.CollectionCount(1);
                var pauseBefore = GC.GetTotalPauseDuration();
                perCall[name].Add(Block(source, CallsPerBlock));
                gen1[name] += GC.CollectionCount(1) - gen1Before;
                gcPause[name] += GC.GetTotalPauseDuration() - pauseBefore;
            }
        }

        foreach (var item in cleanup.AsEnumerable().Reverse()) item.Dispose();

        var bareRounds = perCall["bare Activity"];
        double AddedMedian(string name) => Statistics.Median(perCall[name].Zip(bareRounds, (x, b) => x - b));
        var otelAdded = AddedMedian("OpenTelemetry");
        Console.WriteLine($"Overhead: {rounds} rounds x {CallsPerBlock:N0} calls per contender, interleaved, one process, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Contender | App-thread CPU ns/call (median) | Added over bare (median of per-round differences) | Added vs OpenTelemetry's | gen1 GCs in its blocks | GC pause ns/call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, _) in contenders)
        {
            var added = name == "bare Activity" ? 0 : AddedMedian(name);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Statistics.Median(perCall[name]):0.0} | {added:0.0} | {(name == "bare Activity" ? "-" : (added / otelAdded).ToString("0.00", CultureInfo.InvariantCulture))} | {gen1[name]} | {gcPause[name].TotalNanoseconds / rounds / CallsPerBlock:0.0} |"));
        }

        return 0;
    }

    private static Activity? lastStopped;

    private sealed class DrainerHandle(System.Threading.Thread thread) : IDisposable
    {
        public volatile bool Stop;
        public void Dispose() { Stop = true; thread.Join(); }
    }

    private static IDisposable Drainer(Instrumentation.Reporting.SpanQueue queue, bool touch, bool spin = false)
    {
        DrainerHandle? handle = null;
        var thread = new System.Threading.Thread(() =>
        {
            long sum = 0;
            while (!handle!.Stop)
            {
                var any = false;
                while (queue.TryDequeue(out var span))
                {
                    any = true;
                    if (touch)
                    {
                        sum += span!.TraceId.ToHexString().Length + span.SpanId.ToHexString().Length + span.DisplayName.Length + span.Duration.Ticks;
                        foreach (var t in span.EnumerateTagObjects()) sum += t.Key.Length;
                    }
                }

                if (any) continue;
                if (spin) System.Threading.Thread.SpinWait(20);
                else System.Threading.Thread.Sleep(1);
            }

            GC.KeepAlive(sum);
        }) { IsBackground = true };
        handle = new DrainerHandle(thread);
        thread.Start();
        return handle;
    }

    /// <summary>A thread that sleeps until woken (or 100 ms pass), then empties the queue, dropping its spans.</summary>
    private static IDisposable WokenDrainer(Instrumentation.Reporting.SpanQueue queue, System.Threading.ManualResetEventSlim wake)
    {
        DrainerHandle? handle = null;
        var thread = new System.Threading.Thread(() =>
        {
            while (!handle!.Stop)
            {
                wake.Wait(100);
                wake.Reset();
                while (queue.TryDequeue(out _))
                {
                }
            }
        }) { IsBackground = true };
        handle = new DrainerHandle(thread);
        thread.Start();
        return handle;
    }

    private static ActivityListener Listen(ActivitySource source, Action<Activity>? stopped, Action? sample = null)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = sample is null
                ? (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded
                : (ref ActivityCreationOptions<ActivityContext> _) => { sample(); return ActivitySamplingResult.AllDataAndRecorded; },
            ActivityStopped = stopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>App-thread CPU ns per traced call over <paramref name="calls"/> calls.</summary>
    private static double Block(ActivitySource source, int calls)
    {
        var start = ThreadCpu.Now();
        for (var i = 0; i < calls; i++)
        {
            using var a = source.StartActivity("op");
            a?.SetTag("k", 1);
        }

        return (ThreadCpu.Now() - start).TotalNanoseconds / calls;
    }

    private static string LoadAverage()
    {
        try
        {
            return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception)
        {
            return "n/a";
        }
    }
}
