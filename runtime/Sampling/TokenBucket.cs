using System;
using System.Threading;

namespace Instrumentation.Sampling;

/// <summary>
/// Jaeger's rate limiter (credits accrue at <c>perSecond</c> up to a balance of max(perSecond, 1),
/// each yes takes one), kept as the generic cell rate algorithm: one "theoretical arrival time",
/// moved on by one emission interval per yes with a compare-and-swap, no lock. Time is the coarse
/// millisecond clock: the precise one and a lock were most of a per-operation decision, and credits
/// arriving a few milliseconds at a time keep the same rate. Shared by the ratelimiting sampler and
/// the remote sampler's strategies.
/// </summary>
internal sealed class TokenBucket
{
    private const double TicksPerSecond = 1e7; // 100 ns
    private readonly long interval;   // ticks per credit
    private readonly long tolerance;  // how far ahead of now the arrival time may run: the balance beyond one credit
    private long arrival;

    public TokenBucket(double perSecond)
    {
        var maxBalance = Math.Max(perSecond, 1.0);
        // At least one tick a credit: rates above 10 million a second are not limited at all.
        interval = perSecond > 0 ? Math.Max(1, (long)Math.Min(TicksPerSecond / perSecond, long.MaxValue / 4)) : long.MaxValue / 4;
        tolerance = double.IsInfinity(maxBalance) || double.IsNaN(maxBalance) ? long.MaxValue / 4 : (long)Math.Min((maxBalance - 1) * interval, long.MaxValue / 4);
        arrival = Now(); // a full balance to start with
    }

    public bool TryTake()
    {
        var now = Now();
        while (true)
        {
            var seen = Volatile.Read(ref arrival);
            if (seen - now > tolerance) return false;
            if (Interlocked.CompareExchange(ref arrival, Math.Max(seen, now) + interval, seen) == seen) return true;
        }
    }

#if NET
    private static long Now() => Environment.TickCount64 * (long)(TicksPerSecond / 1000);
#else
    private static long Now() => (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (TicksPerSecond / System.Diagnostics.Stopwatch.Frequency));
#endif
}
