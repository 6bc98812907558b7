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

    /// <summary>
    /// Whether <see cref="ShouldSample"/> said yes for the root of trace <paramref name="traceId"/>.
    /// Asked when a span of that trace ends, because another listener (a second tracer, an
    /// OpenTelemetry SDK) may have recorded a root this sampler rejected.
    /// </summary>
    bool Sampled(ActivityTraceId traceId);

    /// <summary>The root of trace <paramref name="traceId"/> ended (a stateful sampler may forget it soon).</summary>
    void RootEnded(ActivityTraceId traceId);
}
