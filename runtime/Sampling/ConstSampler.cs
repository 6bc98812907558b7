using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>Samples every trace or none.</summary>
internal sealed class ConstSampler(bool decision) : ISampler
{
    private readonly SamplerTags tags = new(SamplerTypes.Const, decision);

    public bool Decision { get; } = decision;

    public bool ShouldSample(ActivityTraceId traceId, string operationName) => Decision;

    public bool Sampled(Activity root) => Decision;

    public SamplerTags TagsOf(Activity root) => tags;

    public void RootEnded(ActivityTraceId traceId)
    {
    }
}
