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

    internal const string AcceptedList = "const, probabilistic, ratelimiting";
}
