namespace Instrumentation.Sampling;

/// <summary>
/// The <c>sampler.type</c> and <c>sampler.param</c> a sampled root carries: what decided it (the
/// remote sampler's strategies differ from root to root, and from one minute to the next).
/// </summary>
internal sealed class SamplerTags(string type, object param, bool reproducible = true)
{
    /// <summary>
    /// Whether the strategy that gave this yes gives it again for the same trace id (a
    /// probabilistic yes); false for a rate limiter's, which spent a credit and must be remembered.
    /// </summary>
    public bool Reproducible { get; } = reproducible;

    public string Type { get; } = type;

    /// <summary>A bool for const, a double otherwise.</summary>
    public object Param { get; } = param;

    /// <summary>
    /// Where the serializer keeps its encoding of these two tags (opaque here, so samplers do not
    /// depend on the serializer); serializers on several threads may race to set it, all with the same bytes.
    /// </summary>
    public object? SerializerCache { get; set; }
}
