using System.Diagnostics;
using Instrumentation.Thrift;

namespace Instrumentation.Sampling;

/// <summary>
/// Samples a fraction of traces, decided from the low 63 bits of the trace id as Jaeger clients
/// do, so every service that sees the same trace id with the same rate decides the same way.
/// </summary>
internal sealed class ProbabilisticSampler : ISampler
{
    private const ulong MaxRandomNumber = long.MaxValue;
    private readonly ulong boundary;

    public ProbabilisticSampler(double rate)
    {
        Param = rate;
        boundary = rate >= 1 ? MaxRandomNumber : (ulong)(MaxRandomNumber * rate);
    }

    public string Type => SamplerTypes.Probabilistic;

    public object Param { get; }

    // The decision is a function of the trace id: asking again gives the same answer.
    public bool Sampled(ActivityTraceId traceId) => ShouldSample(traceId);

    public bool ShouldSample(ActivityTraceId traceId)
    {
        JaegerIds.Split(traceId, out _, out var low);
        return ((ulong)low & MaxRandomNumber) < boundary || boundary == MaxRandomNumber;
    }

    public void RootEnded(ActivityTraceId traceId)
    {
    }
}
