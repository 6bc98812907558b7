using System;

namespace Instrumentation;

/// <summary>How root spans are sampled (the Go client's <c>SamplerConfig</c>). Children follow their parent.</summary>
public sealed class SamplerConfiguration
{
    /// <summary>The endpoint jaeger-client-go asks by default: the agent's sampling port.</summary>
    public static readonly Uri DefaultSamplingEndpoint = new("http://127.0.0.1:5778/sampling");

    private double? param;

    /// <summary><c>const</c> (default), <c>probabilistic</c>, <c>ratelimiting</c> or <c>remote</c>; see <see cref="SamplerTypes"/>.</summary>
    public string Type { get; set; } = SamplerTypes.Const;

    /// <summary>
    /// const: 1 samples all, 0 none. probabilistic: the fraction 0..1. ratelimiting: traces per
    /// second. remote: the fraction 0..1 sampled until the endpoint's first answer. Unset, 1 (and
    /// 0.001 for remote, as jaeger-client-go).
    /// </summary>
    public double Param
    {
        get => param ?? (Type == SamplerTypes.Remote ? 0.001 : 1);
        set => param = value;
    }

    /// <summary>remote: the URL asked for the strategy, with <c>?service=NAME</c> appended (default <see cref="DefaultSamplingEndpoint"/>).</summary>
    public Uri SamplingEndpoint { get; set; } = DefaultSamplingEndpoint;

    /// <summary>remote: how often the endpoint is asked (default 1 minute).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>remote, per-operation strategies: the most operations sampled each on its own (default 2,000); others share the default probability.</summary>
    public int MaxOperations { get; set; } = 2000;
}
