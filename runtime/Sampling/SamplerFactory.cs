namespace Instrumentation.Sampling;

internal static class SamplerFactory
{
    /// <summary>Builds the sampler of a validated configuration.</summary>
    public static ISampler Create(SamplerConfiguration config) => config.Type switch
    {
        SamplerTypes.Probabilistic => new ProbabilisticSampler(config.Param),
        SamplerTypes.RateLimiting => new RateLimitingSampler(config.Param),
        _ => new ConstSampler(config.Param == 1),
    };
}
