using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Instrumentation.Sampling;

namespace Instrumentation.Thrift;

/// <summary>
/// The tags that repeat on many spans, encoded once and then copied as bytes: a source's
/// <c>otel.scope.name</c>/<c>otel.scope.version</c> (on every span) and the sampler's
/// <c>sampler.type</c>/<c>sampler.param</c> (on every sampled root). Writing them field by field
/// was about a quarter of a span's serialization time. A Thrift struct inside a list does not
/// depend on what precedes it, so the copied bytes are exactly what writing them would produce.
/// Tags with a key or value long enough to be cut are not kept: they are written each time, so
/// every cut is still counted. Reporter thread only.
/// </summary>
internal sealed class RepeatedTags(TagValueWriter tags, ISampler sampler)
{
    /// <summary>Sources are few and long-lived; a process creating them without end only refills this.</summary>
    private const int MaxSources = 256;

    // The longest key of each group is checked against the cut length; the others are shorter.
    private const string ScopeNameKey = "otel.scope.name", ScopeVersionKey = "otel.scope.version";
    private const string SamplerTypeKey = "sampler.type", SamplerParamKey = "sampler.param";

    private readonly Dictionary<ActivitySource, EncodedTags> scopes = new();
    private readonly ByteBuffer scratch = new(256);
    private IThriftWriter? lastWriter;
    private ActivitySource? lastSource; // most spans in a row come from one source
    private EncodedTags? lastScope;
    private Type? protocol;
    private EncodedTags? samplerTags;

    /// <summary>
    /// The scope tags of <paramref name="source"/> in <paramref name="w"/>'s protocol, or null when a
    /// value is long enough to be cut (then write it the ordinary way, so each cut is counted).
    /// </summary>
    public EncodedTags? Scope(IThriftWriter w, ActivitySource source)
    {
        UseProtocolOf(w);
        if (ReferenceEquals(source, lastSource)) return lastScope;
        var scope = scopes.TryGetValue(source, out var cached) ? cached : EncodeScope(w, source);
        lastSource = source;
        lastScope = scope;
        return scope;
    }

    private EncodedTags? EncodeScope(IThriftWriter w, ActivitySource source)
    {
        string name = source.Name, version = source.Version ?? string.Empty;
        if (WouldBeCut(ScopeVersionKey) || WouldBeCut(name) || WouldBeCut(version)) return null;

        var encoder = Begin(w);
        var count = 0;
        if (name.Length > 0)
        {
            tags.WriteString(encoder, ScopeNameKey, name);
            count++;
        }

        if (version.Length > 0)
        {
            tags.WriteString(encoder, ScopeVersionKey, version);
            count++;
        }

        if (scopes.Count >= MaxSources) scopes.Clear();
        var encoded = new EncodedTags(count, scratch.Data.AsSpan(0, scratch.Length).ToArray());
        scopes[source] = encoded;
        return encoded;
    }

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
        scopes.Clear();
        lastSource = null;
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
