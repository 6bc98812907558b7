using Instrumentation.Diagnostics;
using Instrumentation.Sampling.Remote;

namespace Instrumentation.Sampling;

internal static class SamplerFactory
{
    /// <summary>Builds the sampler of a validated configuration; a remote one starts polling its endpoint.</summary>
    public static ISampler Create(TracerConfiguration config, RateLimitedLog log, ReporterCounters counters)
    {
        var sampler = config.Sampler;
        return sampler.Type switch
        {
            SamplerTypes.Probabilistic => new ProbabilisticSampler(sampler.Param),
            SamplerTypes.RateLimiting => new RateLimitingSampler(sampler.Param),
            SamplerTypes.Remote => new RemoteSampler(sampler.Param, remote => new StrategyPoller(
                remote, sampler.SamplingEndpoint, config.ServiceName, sampler.RefreshInterval, sampler.MaxOperations, log, counters.AddSamplingRefreshFailure)),
            _ => new ConstSampler(sampler.Param == 1),
        };
    }
}
