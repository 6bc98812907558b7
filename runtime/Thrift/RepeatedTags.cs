using System;
using System.Text;
using Instrumentation.Sampling;

namespace Instrumentation.Thrift;

/// <summary>
/// The tags that repeat on many spans, encoded once and then copied as bytes: the sampler's
/// <c>sampler.type</c>/<c>sampler.param</c> (on every sampled root). A Thrift struct inside a list
/// does not depend on what precedes it, so the copied bytes are exactly what writing them would
/// produce. Tags with a key or value long enough to be cut are not kept: they are written each
/// time, so every cut is still counted. Reporter thread only.
/// </summary>
internal sealed class RepeatedTags(TagValueWriter tags, ISampler sampler)
{
    // The longest key is checked against the cut length; the other is shorter.
    private const string SamplerTypeKey = "sampler.type", SamplerParamKey = "sampler.param";

    private readonly ByteBuffer scratch = new(256);
    private IThriftWriter? lastWriter;
    private Type? protocol;
    private EncodedTags? samplerTags;

    /// <summary><c>sampler.type</c> and <c>sampler.param</c> in <paramref name="w"/>'s protocol, or null when a value would be cut.</summary>
    public EncodedTags? Sampler(IThriftWriter w)
    {
        UseProtocolOf(w);
        if (samplerTags is not null) return samplerTags;
        if (WouldBeCut(SamplerParamKey) || WouldBeCut(sampler.Type)) return null;

        var encoder = Begin(w);
        tags.WriteString(encoder, SamplerTypeKey, sampler.Type);
        tags.Write(encoder, SamplerParamKey, sampler.Param);
        var encoded = new EncodedTags(2, scratch.Data.AsSpan(0, scratch.Length).ToArray());
        samplerTags = encoded;
        return encoded;
    }

    private void UseProtocolOf(IThriftWriter w)
    {
        if (ReferenceEquals(w, lastWriter)) return;
        lastWriter = w;
        if (protocol == w.GetType()) return;
        protocol = w.GetType();
        samplerTags = null;
    }

    private IThriftWriter Begin(IThriftWriter w)
    {
        scratch.Length = 0;
        return w.WithBuffer(scratch);
    }

    private bool WouldBeCut(string value) =>
        value.Length * 3 > tags.MaxValueBytes && Encoding.UTF8.GetByteCount(value) > tags.MaxValueBytes;
}
