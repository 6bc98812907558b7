using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Instrumentation.Benchmarks.Infrastructure;

namespace Instrumentation.Benchmarks.StopLatency;

/// <summary>
/// <c>stoplatency [spansPerThread]</c>: the longest single <see cref="Activity.Stop"/> with 8 producer
/// threads on this machine's cores, with a listener that records every span and does nothing
/// more (the floor: the runtime's own stop work and the scheduler), and with our tracer sending to a
/// UDP sink. Shows that our stop callback never waits: a longer worst case would be a lock or a
/// wait in it, not descheduling, which both rows share.
/// </summary>
internal static class StopLatencyRunner
{
    private const int Threads = 8;

    public static int Run(string[] args)
    {
        var perThread = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 250_000;
        Console.WriteLine($"Stop latency: {Threads} threads x {perThread:N0} spans, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| Listener | max Stop (us) | max Stop without a GC in it (us) | p99.99 (us) | p99.9 (us) | median (ns) | lost | GC pause total (ms) | GCs (0/1/2) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        for (var round = 0; round < 3; round++)
        {
            Row("recording only", perThread, ListenOnly);
            Row("our tracer (UDP)", perThread, OurTracer);
        }

        return 0;
    }

    private static IDisposable ListenOnly(string source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => { },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static IDisposable OurTracer(string source)
    {
        var sink = new UdpSink();
        var tracer = new TracerConfiguration("stop-latency")
        {
            Sources = { source },
            Sender = { AgentHost = "127.0.0.1", AgentPort = sink.Port },
        }.Start();
        return new Both(tracer, sink);
    }

    private static void Row(string name, int perThread, Func<string, IDisposable> listen)
    {
        var sourceName = "stop-latency." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var lost = 0L;
        var ticks = new long[Threads][];
        GC.Collect();
        var pauseBefore = GC.GetTotalPauseDuration();
        var gcsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        using (listen(sourceName))
        {
            var start = new Barrier(Threads);
            var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                var mine = ticks[t] = new long[perThread];
                start.SignalAndWait();
                for (var i = 0; i < perThread; i++)
                {
                    var span = source.StartActivity("op");
                    if (span is null)
                    {
                        Interlocked.Increment(ref lost);
                        continue;
                    }

                    span.SetTag("i", i);
                    var gcBefore = GC.CollectionCount(0);
                    var before = Stopwatch.GetTimestamp();
                    span.Stop();
                    var took = Stopwatch.GetTimestamp() - before;
                    // A stop that a garbage collection interrupted is kept apart (negative).
                    mine[i] = GC.CollectionCount(0) == gcBefore ? took : -took;
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }

        // Measured before the rows are sorted (which allocates): GC pauses are the long stops both rows share.
        var pause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        var gcs = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gcsBefore[g]));
        var all = ticks.SelectMany(t => t).Select(Math.Abs).OrderBy(t => t).ToArray();
        var withoutGc = ticks.SelectMany(t => t).Where(t => t >= 0).DefaultIfEmpty(0).Max();
        double Us(long t) => t * 1e6 / Stopwatch.Frequency;
        double At(double q) => Us(all[Math.Min(all.Length - 1, (int)(q * all.Length))]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Us(all[^1]):0} | {Us(withoutGc):0} | {At(0.9999):0.0} | {At(0.999):0.0} | {At(0.5) * 1000:0} | {lost} | {pause:0} | {gcs} |"));
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
