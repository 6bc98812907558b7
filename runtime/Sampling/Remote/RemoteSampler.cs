using System;
using System.Diagnostics;
using Instrumentation.Propagation;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// jaeger-client's <c>remote</c> sampler: the strategy the sampling endpoint serves for this service
/// (polled by <see cref="StrategyPoller"/>) decides roots; until the first answer, and while the
/// endpoint is down or answers garbage, the initial probabilistic strategy (or the last good one)
/// does. A strategy switch takes effect for the next root and loses no span of the roots already
/// decided, which keep the tags of the strategy that decided them:
/// <list type="bullet">
/// <item>a probabilistic yes is a function of the trace id, so it is asked again of the strategy
/// that was in force when the root started (strategies are kept with the time they took over;
/// a decision costs what the probabilistic sampler's does, plus one volatile read);</item>
/// <item>a rate limiter's yes spent a credit and cannot be asked again, so it is remembered
/// (<see cref="RemoteDecisions"/>; a few a second).</item>
/// </list>
/// </summary>
internal sealed class RemoteSampler : ISampler, IDisposable
{
    /// <summary>Strategies kept for roots that started under them; a root older than the oldest is asked of that one.</summary>
    private const int Kept = 16;

    private readonly RemoteDecisions decisions = new();
    private readonly StrategyPoller? poller;
    private readonly object applying = new();
    private volatile SamplingStrategy current;
    private volatile Applied[] history; // newest first

    public RemoteSampler(double initialRate, Func<RemoteSampler, StrategyPoller>? startPolling = null)
    {
        current = new ProbabilisticStrategy(initialRate);
        history = [new Applied(current, DateTime.MinValue)];
        poller = startPolling?.Invoke(this);
    }

    public bool ShouldSample(ActivityTraceId traceId, string operationName)
    {
        JaegerIds.Split(traceId, out _, out var low);
        var tags = current.Decide(low, operationName);
        if (tags is null) return false;
        if (!tags.Reproducible) decisions.Remember(low, tags);
        return true;
    }

    public bool Sampled(Activity root) => Decided(root) is not null;

    public SamplerTags TagsOf(Activity root) => Decided(root) ?? current.DefaultTags;

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
            var kept = history;
            var next = new Applied[Math.Min(Kept, kept.Length + 1)];
            next[0] = new Applied(strategy, DateTime.UtcNow);
            Array.Copy(kept, 0, next, 1, next.Length - 1);
            history = next;
            current = strategy;
        }
    }

    /// <summary>
    /// The tags of the yes <paramref name="root"/> got: remembered (a rate limiter's), else what the
    /// strategy in force at its start says again, or the one before (a switch may fall between the
    /// decision and the start's timestamp); null when it was not sampled.
    /// </summary>
    private SamplerTags? Decided(Activity root)
    {
        JaegerIds.Split(root.TraceId, out _, out var low);
        if (decisions.Find(low) is { } remembered) return remembered;

        var kept = history;
        var start = root.StartTimeUtc;
        var i = 0;
        while (i < kept.Length - 1 && kept[i].Since > start) i++;
        return kept[i].Strategy.Recheck(low, root.OperationName)
            ?? (i + 1 < kept.Length ? kept[i + 1].Strategy.Recheck(low, root.OperationName) : null);
    }

    public void Dispose() => poller?.Dispose();

    private readonly struct Applied(SamplingStrategy strategy, DateTime since)
    {
        public SamplingStrategy Strategy { get; } = strategy;

        public DateTime Since { get; } = since;
    }
}
