namespace Instrumentation;

/// <summary>How root spans are sampled (the Go client's <c>SamplerConfig</c>). Children follow their parent.</summary>
public sealed class SamplerConfiguration
{
    /// <summary><c>const</c> (default), <c>probabilistic</c> or <c>ratelimiting</c>; see <see cref="SamplerTypes"/>.</summary>
    public string Type { get; set; } = SamplerTypes.Const;

    /// <summary>const: 1 samples all, 0 none. probabilistic: the fraction 0..1. ratelimiting: traces per second.</summary>
    public double Param { get; set; } = 1;
}
