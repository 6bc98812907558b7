using System.Diagnostics;
using Instrumentation.Propagation;

namespace Instrumentation.Sampling;

/// <summary>
/// Samples a fraction of traces, decided from the low 63 bits of the trace id as Jaeger clients
/// do, so every service that sees the same trace id with the same rate decides the same way.
/// </summary>
internal sealed class ProbabilisticSampler : ISampler
{
    private readonly SamplerTags tags;
    private readonly ProbabilisticTest test;

    public ProbabilisticSampler(double rate)
    {
        tags = new SamplerTags(SamplerTypes.Probabilistic, rate);
        test = new ProbabilisticTest(rate);
    }

    // The decision is a function of the trace id: asking again gives the same answer.
    public bool Sampled(Activity root) => ShouldSample(root.TraceId, root.OperationName);

    public bool ShouldSample(ActivityTraceId traceId, string operationName)
    {
        JaegerIds.Split(traceId, out _, out var low);
        return test.Passes(low);
    }

    public SamplerTags TagsOf(Activity root) => tags;

    public void RootEnded(ActivityTraceId traceId)
    {
    }
}
