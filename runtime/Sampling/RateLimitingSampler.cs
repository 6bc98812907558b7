using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>Samples at most <c>param</c> traces per second (Jaeger's rate limiter, <see cref="TokenBucket"/>).</summary>
internal sealed class RateLimitingSampler(double tracesPerSecond) : ISampler
{
    private readonly TokenBucket bucket = new(tracesPerSecond);
    private readonly SamplerTags tags = new(SamplerTypes.RateLimiting, tracesPerSecond);
    private readonly AcceptedRoots accepted = new();

    public bool ShouldSample(ActivityTraceId traceId, string operationName)
    {
        if (!bucket.TryTake()) return false;
        accepted.Accepted(traceId);
        return true;
    }

    public SamplerTags TagsOf(Activity root) => tags;

    public bool Sampled(Activity root) => accepted.Contains(root.TraceId);

    public void RootEnded(ActivityTraceId traceId) => accepted.RootEnded(traceId);
}
