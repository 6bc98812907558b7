using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Instrumentation.Benchmarks.Infrastructure;

namespace Instrumentation.Benchmarks.WrapperCpu;

/// <summary>
/// <c>wrapper-cpu [rounds]</c>: the <c>GeneratedWrapper</c> benchmark's sampled rows (a default <c>[Traced]</c>
/// call against the same span written by hand, a bare listener recording everything) in one process,
/// in interleaved blocks of 200,000 calls, reading the thread's CPU time around each block. Reported:
/// the median of the per-round ratios generated / hand-written, which this noisy host's drift between
/// processes and between BenchmarkDotNet runs (errors of +-5-30 ns) cannot move, unlike the wall clock.
/// </summary>
internal static class WrapperCpuRunner
{
    private const int CallsPerBlock = 200_000;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 35;
        var wrappers = new GeneratedWrapperBenchmarks { Sampled = true };
        wrappers.Setup();
        try
        {
            long sum = 0;
            var hand = new List<double>();
            var generated = new List<double>();
            for (var round = -5; round < rounds; round++) // five warm-up rounds: JIT tiers
            {
                var start = ThreadCpu.Now();
                for (var i = 0; i < CallsPerBlock; i++) sum += wrappers.HandWritten();
                var middle = ThreadCpu.Now();
                for (var i = 0; i < CallsPerBlock; i++) sum += wrappers.Generated();
                var end = ThreadCpu.Now();
                if (round < 0) continue;
                hand.Add((middle - start).TotalNanoseconds / CallsPerBlock);
                generated.Add((end - middle).TotalNanoseconds / CallsPerBlock);
            }

            var ratio = Statistics.Median(generated.Zip(hand, (g, h) => g / h));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrapper-cpu: {rounds} rounds x {CallsPerBlock:N0} calls, sampled: hand-written {Statistics.Median(hand):0.0} ns, generated {Statistics.Median(generated):0.0} ns, generated / hand-written (median of rounds) {ratio:0.000} ({sum % 10})"));
            return 0;
        }
        finally
        {
            wrappers.Cleanup();
        }
    }
}
