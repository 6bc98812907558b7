using System;
using System.Diagnostics;
using Instrumentation.Thrift;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// jaeger-client's <c>remote</c> sampler: the strategy the sampling endpoint serves for this service
/// (polled by <see cref="StrategyPoller"/>) decides roots; until the first answer, and while the
/// endpoint is down or answers garbage, the initial probabilistic strategy (or the last good one)
/// does. A strategy switch takes effect for the next root and loses no span of the roots already
/// decided: every yes is remembered with its tags (<see cref="RemoteDecisions"/>), and a root whose
/// slot was taken by later roots is asked again of the last <see cref="Kept"/> strategies (a
/// probabilistic yes is a function of the trace id).
/// </summary>
internal sealed class RemoteSampler : ISampler, IDisposable
{
    /// <summary>Strategies asked again for a root's spans: the one in force and the ones before it.</summary>
    private const int Kept = 4;

    private readonly RemoteDecisions decisions = new();
    private readonly StrategyPoller? poller;
    private readonly object applying = new();
    private volatile SamplingStrategy current;
    private volatile SamplingStrategy[] recent;

    public RemoteSampler(double initialRate, Func<RemoteSampler, StrategyPoller>? startPolling = null)
    {
        current = new ProbabilisticStrategy(initialRate);
        recent = [current];
        poller = startPolling?.Invoke(this);
    }

    /// <summary>The strategy deciding new roots now.</summary>
    internal SamplingStrategy Current => current;

    public bool ShouldSample(ActivityTraceId traceId, string operationName)
    {
        JaegerIds.Split(traceId, out _, out var low);
        var tags = current.Decide(low, operationName);
        if (tags is null) return false;
        decisions.Remember(low, tags);
        return true;
    }

    /// <summary>Remembered (a rate limiter's yes), or what one of the recent strategies says again.</summary>
    public bool Sampled(ActivityTraceId traceId, string operationName)
    {
        JaegerIds.Split(traceId, out _, out var low);
        return (decisions.Find(low) ?? Recheck(low, operationName)) is not null;
    }

    public SamplerTags TagsOf(ActivityTraceId traceId, string operationName)
    {
        JaegerIds.Split(traceId, out _, out var low);
        return decisions.Find(low) ?? Recheck(low, operationName) ?? current.DefaultTags;
    }

    public void RootEnded(ActivityTraceId traceId)
    {
        JaegerIds.Split(traceId, out _, out var low);
        decisions.Ended(low);
    }

    /// <summary>Puts <paramref name="strategy"/> in force for the next root.</summary>
    internal void Apply(SamplingStrategy strategy)
    {
        lock (applying)
        {
            var kept = recent;
            var next = new SamplingStrategy[Math.Min(Kept, kept.Length + 1)];
            next[0] = strategy;
            Array.Copy(kept, 0, next, 1, next.Length - 1);
            recent = next;
            current = strategy;
        }
    }

    /// <summary>The newest recent strategy whose probabilistic part samples this trace.</summary>
    private SamplerTags? Recheck(long traceIdLow, string operationName)
    {
        foreach (var strategy in recent)
        {
            if (strategy.Recheck(traceIdLow, operationName) is { } tags) return tags;
        }

        return null;
    }

    public void Dispose() => poller?.Dispose();
}
