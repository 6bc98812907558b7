namespace Instrumentation.Sampling;

/// <summary>
/// Jaeger's probabilistic decision: the low 63 bits of the trace id's low half under
/// rate x 2^63, so every service that sees the same trace id at the same rate decides the same way.
/// </summary>
internal readonly struct ProbabilisticTest
{
    private const ulong MaxRandomNumber = long.MaxValue;
    private readonly ulong boundary;

    public ProbabilisticTest(double rate) => boundary = rate >= 1 ? MaxRandomNumber : (ulong)(MaxRandomNumber * rate);

    /// <summary>Whether a trace whose id's low half is <paramref name="traceIdLow"/> is sampled.</summary>
    public bool Passes(long traceIdLow) => ((ulong)traceIdLow & MaxRandomNumber) < boundary || boundary == MaxRandomNumber;
}
