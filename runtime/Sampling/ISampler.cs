using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>Decides whether a new trace (a root span) is sampled. Children follow their parent instead.</summary>
internal interface ISampler
{
    /// <summary>The <c>sampler.type</c> tag value.</summary>
    string Type { get; }

    /// <summary>The <c>sampler.param</c> tag value: a bool for const, a double otherwise.</summary>
    object Param { get; }

    bool ShouldSample(ActivityTraceId traceId);
}
