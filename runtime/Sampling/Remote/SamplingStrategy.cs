namespace Instrumentation.Sampling.Remote;

/// <summary>One strategy the sampling endpoint served (or the initial one), applied to roots until the next replaces it.</summary>
internal abstract class SamplingStrategy
{
    /// <summary>The tags of a yes for the root <paramref name="operationName"/> of the trace whose id's low half is <paramref name="traceIdLow"/>; null for no.</summary>
    public abstract SamplerTags? Decide(long traceIdLow, string operationName);

    /// <summary>
    /// The same question without spending anything (no rate-limiter credit), for a root whose
    /// decision is no longer remembered: the probabilistic part's answer; null when only a rate
    /// limiter could have said yes.
    /// </summary>
    public abstract SamplerTags? Recheck(long traceIdLow, string operationName);

    /// <summary>The tags a root gets when nothing better is known.</summary>
    public abstract SamplerTags DefaultTags { get; }
}

/// <summary>A fraction of traces (<c>PROBABILISTIC</c>).</summary>
internal sealed class ProbabilisticStrategy(double rate) : SamplingStrategy
{
    private readonly ProbabilisticTest test = new(rate);

    public override SamplerTags DefaultTags { get; } = new(SamplerTypes.Probabilistic, rate);

    public override SamplerTags? Decide(long traceIdLow, string operationName) => Recheck(traceIdLow, operationName);

    public override SamplerTags? Recheck(long traceIdLow, string operationName) => test.Passes(traceIdLow) ? DefaultTags : null;
}

/// <summary>At most so many traces per second (<c>RATE_LIMITING</c>).</summary>
internal sealed class RateLimitingStrategy(double tracesPerSecond) : SamplingStrategy
{
    private readonly TokenBucket bucket = new(tracesPerSecond);

    public override SamplerTags DefaultTags { get; } = new(SamplerTypes.RateLimiting, tracesPerSecond, reproducible: false);

    public override SamplerTags? Decide(long traceIdLow, string operationName) => bucket.TryTake() ? DefaultTags : null;

    public override SamplerTags? Recheck(long traceIdLow, string operationName) => null;
}
