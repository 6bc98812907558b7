using System;
using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>
/// Samples at most <c>param</c> traces per second with a token bucket (Jaeger's rate limiter):
/// credits accrue at that rate up to a balance of max(param, 1).
/// </summary>
internal sealed class RateLimitingSampler : ISampler
{
    private readonly object gate = new();
    private readonly double creditsPerTick;
    private readonly double maxBalance;
    private double balance;
    private long lastTick;
    private readonly AcceptedRoots accepted = new();

    public RateLimitingSampler(double tracesPerSecond)
    {
        Param = tracesPerSecond;
        creditsPerTick = tracesPerSecond / Stopwatch.Frequency;
        maxBalance = Math.Max(tracesPerSecond, 1.0);
        balance = maxBalance;
        lastTick = Stopwatch.GetTimestamp();
    }

    public string Type => SamplerTypes.RateLimiting;

    public object Param { get; }

    public bool ShouldSample(ActivityTraceId traceId)
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            balance = Math.Min(maxBalance, balance + ((now - lastTick) * creditsPerTick));
            lastTick = now;
            if (balance < 1.0) return false;
            balance -= 1.0;
        }

        accepted.Accepted(traceId);
        return true;
    }

    public bool Sampled(ActivityTraceId traceId) => accepted.Contains(traceId);

    public void RootEnded(ActivityTraceId traceId) => accepted.RootEnded(traceId);
}
