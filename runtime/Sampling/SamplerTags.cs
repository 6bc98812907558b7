using System;
using Instrumentation.Thrift;

namespace Instrumentation.Sampling;

/// <summary>
/// The <c>sampler.type</c> and <c>sampler.param</c> a sampled root carries: what decided it (the
/// remote sampler's strategies differ from root to root, and from one minute to the next).
/// </summary>
internal sealed class SamplerTags(string type, object param, bool reproducible = true)
{
    private Encoding? encoded;

    /// <summary>
    /// Whether the strategy that gave this yes gives it again for the same trace id (a
    /// probabilistic yes); false for a rate limiter's, which spent a credit and must be remembered.
    /// </summary>
    public bool Reproducible { get; } = reproducible;

    public string Type { get; } = type;

    /// <summary>A bool for const, a double otherwise.</summary>
    public object Param { get; } = param;

    /// <summary>The two tags encoded in <paramref name="protocol"/>, if remembered (see <see cref="RepeatedTags"/>).</summary>
    public EncodedTags? EncodedIn(Type protocol) => encoded is { } e && e.Protocol == protocol ? e.Tags : null;

    /// <summary>Remembers the encoded tags; serializers on several threads may race here, all writing the same bytes.</summary>
    public void Remember(Type protocol, EncodedTags tags) => encoded = new Encoding(protocol, tags);

    private sealed class Encoding(Type protocol, EncodedTags tags)
    {
        public Type Protocol { get; } = protocol;

        public EncodedTags Tags { get; } = tags;
    }
}
