using System;
using Instrumentation.Sampling;

namespace Instrumentation.Thrift;

/// <summary>
/// The tags that repeat on many spans, encoded once and then copied as bytes: a decision's
/// <c>sampler.type</c>/<c>sampler.param</c> (on every sampled root), remembered on its
/// <see cref="SamplerTags"/>. A Thrift struct inside a list does not depend on what precedes it, so
/// the copied bytes are exactly what writing them would produce. Tags with a key or value long
/// enough to be cut are not kept: they are written each time, so every cut is still counted. One
/// per serializer (the reporter's, or an encoding lane's).
/// </summary>
internal sealed class RepeatedTags(TagValueWriter tags)
{
    // The longest key is checked against the cut length; the other is shorter.
    private const string SamplerTypeKey = "sampler.type", SamplerParamKey = "sampler.param";

    private readonly ByteBuffer scratch = new(256);

    /// <summary><paramref name="sampler"/>'s two tags in <paramref name="w"/>'s protocol, or null when a value would be cut.</summary>
    public EncodedTags? Sampler(IThriftWriter w, SamplerTags sampler)
    {
        var protocol = w.GetType();
        if (sampler.SerializerCache is Encoding remembered && remembered.Protocol == protocol) return remembered.Tags;
        if (WouldBeCut(SamplerParamKey) || WouldBeCut(sampler.Type)) return null;

        var encoder = Begin(w);
        tags.WriteString(encoder, SamplerTypeKey, sampler.Type);
        tags.Write(encoder, SamplerParamKey, sampler.Param);
        var encoded = new EncodedTags(2, scratch.Data.AsSpan(0, scratch.Length).ToArray());
        sampler.SerializerCache = new Encoding(protocol, encoded);
        return encoded;
    }

    private IThriftWriter Begin(IThriftWriter w)
    {
        scratch.Length = 0;
        return w.WithBuffer(scratch);
    }

    private bool WouldBeCut(string value) =>
        value.Length * 3 > tags.MaxValueBytes && System.Text.Encoding.UTF8.GetByteCount(value) > tags.MaxValueBytes;

    /// <summary>The tags encoded in one protocol, kept on the <see cref="SamplerTags"/>.</summary>
    private sealed class Encoding(Type protocol, EncodedTags tags)
    {
        public Type Protocol { get; } = protocol;

        public EncodedTags Tags { get; } = tags;
    }
}
