using System;
using System.Diagnostics;
using Instrumentation.Sampling;

namespace Instrumentation.Thrift;

/// <summary>
/// The tags a span gets from its properties rather than its own tag list, in the order they are
/// written: <c>span.kind</c>; <c>otel.status_code</c> (and <c>error</c>,
/// <c>otel.status_description</c>); <c>sampler.type</c>/<c>sampler.param</c>. Decided once per span
/// and written by either path, so the general and the compact fast path share one mapping. The
/// scope (<c>otel.scope.name</c>/<c>otel.scope.version</c>) is not among them: it is a process tag
/// of the span's packet (<see cref="Reporting.SpanBatcher"/>).
/// </summary>
internal readonly struct DerivedTags
{
    private static readonly object BoxedTrue = true;

    private readonly string? kind;
    private readonly ActivityStatusCode status;
    private readonly string? statusDescription;
    private readonly SamplerTags? samplerTags;
    private readonly EncodedTags? encodedSamplerTags;

    /// <param name="span">The span.</param>
    /// <param name="samplerTags">What sampled it, when it is a local root this tracer sampled; else null.</param>
    /// <param name="encodedSamplerTags">Those tags encoded for the writer's protocol, or null (then written as tags).</param>
    /// <param name="statusDescriptions">False leaves out the status description.</param>
    public DerivedTags(Activity span, SamplerTags? samplerTags, EncodedTags? encodedSamplerTags, bool statusDescriptions = true)
    {
        kind = KindName(span.Kind);
        status = span.Status;
        statusDescription = statusDescriptions && status == ActivityStatusCode.Error && !string.IsNullOrEmpty(span.StatusDescription) ? span.StatusDescription : null;
        this.samplerTags = samplerTags;
        this.encodedSamplerTags = encodedSamplerTags;

        var count = 0;
        if (kind is not null) count++;
        if (status == ActivityStatusCode.Ok) count++;
        if (status == ActivityStatusCode.Error) count += statusDescription is null ? 2 : 3;
        if (samplerTags is not null) count += 2;
        Count = count;
    }

    public int Count { get; }

    /// <summary>
    /// Whether <see cref="Write(byte[], int)"/> can write these: repeated tags encoded, and a status
    /// description short enough never to be cut.
    /// </summary>
    public bool CanWriteCompact(int maxValueBytes) =>
        (samplerTags is null || encodedSamplerTags is not null) &&
        (statusDescription is null || CompactSpanWriter.Fits(statusDescription, maxValueBytes));

    /// <summary>The most bytes <see cref="Write(byte[], int)"/> can take.</summary>
    public int MaxCompactLength =>
        64 * 3 + 3 * (statusDescription?.Length ?? 0) + (encodedSamplerTags?.Bytes.Length ?? 0);

    /// <summary>The general path: through a writer of any protocol.</summary>
    public void Write(IThriftWriter w, TagValueWriter tags)
    {
        if (kind is not null) tags.WriteString(w, "span.kind", kind);
        if (status == ActivityStatusCode.Ok) tags.WriteString(w, "otel.status_code", "OK");
        if (status == ActivityStatusCode.Error)
        {
            tags.Write(w, "error", BoxedTrue);
            tags.WriteString(w, "otel.status_code", "ERROR");
            if (statusDescription is not null) tags.WriteString(w, "otel.status_description", statusDescription);
        }

        if (samplerTags is null) return;
        if (encodedSamplerTags is not null)
        {
            w.Buffer.Write(encodedSamplerTags.Bytes);
        }
        else
        {
            tags.WriteString(w, "sampler.type", samplerTags.Type);
            tags.Write(w, "sampler.param", samplerTags.Param);
        }
    }

    /// <summary>The compact fast path, when <see cref="CanWriteCompact"/>; room for <see cref="MaxCompactLength"/> is the caller's.</summary>
    public int Write(byte[] b, int p)
    {
        if (kind is not null) p = CompactSpanWriter.StringTag(b, p, "span.kind", kind);
        if (status == ActivityStatusCode.Ok) p = CompactSpanWriter.StringTag(b, p, "otel.status_code", "OK");
        if (status == ActivityStatusCode.Error)
        {
            p = CompactSpanWriter.BoolTag(b, p, "error", true);
            p = CompactSpanWriter.StringTag(b, p, "otel.status_code", "ERROR");
            if (statusDescription is not null) p = CompactSpanWriter.StringTag(b, p, "otel.status_description", statusDescription);
        }

        if (samplerTags is not null) p = Copy(encodedSamplerTags!.Bytes, b, p);
        return p;
    }

    private static int Copy(byte[] bytes, byte[] b, int p)
    {
        Buffer.BlockCopy(bytes, 0, b, p, bytes.Length);
        return p + bytes.Length;
    }

    private static string? KindName(ActivityKind kind) => kind switch
    {
        ActivityKind.Client => "client",
        ActivityKind.Server => "server",
        ActivityKind.Producer => "producer",
        ActivityKind.Consumer => "consumer",
        _ => null,
    };
}
