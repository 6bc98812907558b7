namespace Instrumentation;

/// <summary>The sampler types Jaeger clients know, as spelled in <c>JAEGER_SAMPLER_TYPE</c>.</summary>
public static class SamplerTypes
{
    /// <summary>Samples all (param 1) or nothing (param 0).</summary>
    public const string Const = "const";

    /// <summary>Samples a fraction of traces given by param (0..1), decided from the trace id.</summary>
    public const string Probabilistic = "probabilistic";

    /// <summary>Samples at most param traces per second.</summary>
    public const string RateLimiting = "ratelimiting";

    /// <summary>
    /// Applies the strategy the agent's or collector's sampling endpoint serves for the service
    /// (probabilistic, rate limiting, or per operation), polled every refresh interval; param is the
    /// sampling rate until the first answer (default 0.001, as jaeger-client-go).
    /// </summary>
    public const string Remote = "remote";

    /// <summary>The <c>sampler.type</c> of a root that a per-operation strategy's lower bound sampled.</summary>
    internal const string LowerBound = "lowerbound";

    internal const string AcceptedList = "const, probabilistic, ratelimiting, remote";
}
