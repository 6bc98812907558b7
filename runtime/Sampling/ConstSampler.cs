using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>Samples every trace or none.</summary>
internal sealed class ConstSampler(bool decision) : ISampler
{
    public bool Decision { get; } = decision;

    public string Type => SamplerTypes.Const;

    public object Param { get; } = decision;

    public bool ShouldSample(ActivityTraceId traceId) => Decision;

    public bool Sampled(ActivityTraceId traceId) => Decision;

    public void RootEnded(ActivityTraceId traceId)
    {
    }
}
