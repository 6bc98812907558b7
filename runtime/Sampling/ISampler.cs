using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>Decides whether a new trace (a root span) is sampled. Children follow their parent instead.</summary>
internal interface ISampler
{
    /// <summary>Whether to sample the root span <paramref name="operationName"/> of trace <paramref name="traceId"/>.</summary>
    bool ShouldSample(ActivityTraceId traceId, string operationName);

    /// <summary>
    /// Whether <see cref="ShouldSample"/> said yes for <paramref name="root"/> (a local root).
    /// Asked when a span of its trace ends, because another listener (a second tracer, an
    /// OpenTelemetry SDK) may have recorded a root this sampler rejected.
    /// </summary>
    bool Sampled(Activity root);

    /// <summary>The <c>sampler.type</c>/<c>sampler.param</c> of the decision that sampled <paramref name="root"/>.</summary>
    SamplerTags TagsOf(Activity root);

    /// <summary>The root of trace <paramref name="traceId"/> ended (a stateful sampler may forget it soon).</summary>
    void RootEnded(ActivityTraceId traceId);
}
