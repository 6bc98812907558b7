using System;
using System.Diagnostics;
using Instrumentation.Sampling;
using static Instrumentation.Thrift.JaegerSchema;
using Instrumentation.Propagation;

namespace Instrumentation.Thrift;

/// <summary>
/// Writes a finished <see cref="Activity"/> as a Jaeger <c>Span</c> struct, following the
/// OpenTelemetry-to-Jaeger mapping: kind as <c>span.kind</c>, error status as <c>error=true</c>
/// plus <c>otel.status_code</c>/<c>otel.status_description</c>, events as logs, links as
/// FOLLOWS_FROM references (the source, <c>otel.scope.name</c>/<c>otel.scope.version</c>, is a
/// process tag of the packet, written by <see cref="Reporting.SpanBatcher"/>), and
/// <c>sampler.type</c>/<c>sampler.param</c> on local roots this tracer sampled. Common spans in
/// the compact protocol take <see cref="CompactSpanWriter"/>, which writes the same bytes faster.
/// </summary>
/// <param name="tags">Writes tag values.</param>
/// <param name="sampler">The tracer's sampler, for the sampler tags.</param>
/// <param name="compactFastPath">False only in tests, to compare the two compact paths.</param>
/// <param name="exceptionMessages">
/// False leaves out what an exception says (<c>otel.status_description</c>, and the
/// <c>exception.message</c>/<c>exception.stacktrace</c> fields of logs), keeping its type: exception
/// text can hold user data the code never tagged. Applied here, so it covers every instrumentation.
/// </param>
internal sealed class JaegerSpanSerializer(TagValueWriter tags, ISampler sampler, bool compactFastPath = true, bool exceptionMessages = true)
{
    private readonly RepeatedTags repeated = new(tags);
    private readonly IdReader ids = new();
    private readonly CodeLocationReader places = new();

    /// <summary>
    /// Writes <paramref name="span"/>, or, when it throws (an Activity in a state we did not foresee),
    /// takes back what it wrote and returns the exception: a bad span costs itself, never the packet
    /// it was going into. The reporter thread and the app threads' encoding lanes both write this way.
    /// </summary>
    public Exception? TryWrite(IThriftWriter w, Activity span)
    {
        var start = w.Buffer.Length;
        try
        {
            Write(w, span);
            return null;
        }
        catch (Exception e)
        {
            w.Buffer.Length = start;
            w.Reset();
            return e;
        }
    }

    public void Write(IThriftWriter w, Activity span)
    {
        var samplerTags = IsLocalRootWeSampled(span) ? sampler.TagsOf(span) : null;
        var derived = new DerivedTags(span, samplerTags, samplerTags is not null ? repeated.Sampler(w, samplerTags) : null, exceptionMessages);
        if (compactFastPath && w is ThriftCompactWriter && CompactSpanWriter.TryWrite(w.Buffer, span, derived, ids, places, tags.MaxValueBytes)) return;

        ids.Trace(span.TraceId, out var traceHigh, out var traceLow);
        w.StructBegin();
        w.Field(Span.TraceIdLow);
        w.I64(traceLow);
        w.Field(Span.TraceIdHigh);
        w.I64(traceHigh);
        w.Field(Span.SpanId);
        w.I64(JaegerIds.ToLong(span.SpanId));
        w.Field(Span.ParentSpanId);
        w.I64(ids.Parent(span.ParentSpanId));
        w.Field(Span.OperationName);
        tags.WriteText(w, span.DisplayName);
        WriteReferences(w, span);
        w.Field(Span.Flags);
        w.I32(CompactSpanWriter.JaegerFlags(span));
        w.Field(Span.StartTime);
        w.I64(JaegerTime.ToEpochMicroseconds(span.StartTimeUtc));
        w.Field(Span.Duration);
        w.I64(span.Duration.Ticks / 10);
        WriteTags(w, span, derived);
        WriteLogs(w, span);
        w.StructEnd();
    }

    private static void WriteReferences(IThriftWriter w, Activity span)
    {
        var count = 0;
        foreach (var _ in span.EnumerateLinks()) count++;
        if (count == 0) return;

        w.Field(Span.References);
        w.ListBegin(ThriftType.Struct, count);
        foreach (var link in span.EnumerateLinks())
        {
            JaegerIds.Split(link.Context.TraceId, out var high, out var low);
            w.StructBegin();
            w.Field(SpanRef.RefType);
            w.I32(SpanRef.FollowsFrom);
            w.Field(SpanRef.TraceIdLow);
            w.I64(low);
            w.Field(SpanRef.TraceIdHigh);
            w.I64(high);
            w.Field(SpanRef.SpanId);
            w.I64(JaegerIds.ToLong(link.Context.SpanId));
            w.StructEnd();
        }
    }

    private void WriteTags(IThriftWriter w, Activity span, in DerivedTags derived)
    {
        var count = derived.Count;
        var ownLocation = false;
        foreach (var tag in span.EnumerateTagObjects())
        {
            if (tag.Value is null) continue;
            count++;
            ownLocation |= CodeTags.IsLocation(tag.Key);
        }

        var userTags = count - derived.Count;
        var place = CodeTags.ToWrite(span, ownLocation, places);
        if (place is not null) count += place.TagCount;
        if (count == 0) return;

        w.Field(Span.Tags);
        w.ListBegin(ThriftType.Struct, count);
        // Written at most as many as counted: a tag set meanwhile by another thread must not make
        // the list longer than its header says (that would corrupt the whole packet).
        foreach (var tag in span.EnumerateTagObjects())
        {
            if (tag.Value is null) continue;
            if (userTags-- == 0) break;
            tags.Write(w, tag.Key, tag.Value);
        }

        if (userTags > 0) throw new System.InvalidOperationException("the span's tags changed while it was serialized");
        if (place is not null) CodeTags.Write(w, tags, place);
        derived.Write(w, tags);
    }

    private void WriteLogs(IThriftWriter w, Activity span)
    {
        var count = 0;
        foreach (var _ in span.EnumerateEvents()) count++;
        if (count == 0) return;

        w.Field(Span.Logs);
        w.ListBegin(ThriftType.Struct, count);
        foreach (var e in span.EnumerateEvents())
        {
            if (count-- == 0) break; // as for tags: never more entries than the header says
            var fields = 1;
            foreach (var field in e.EnumerateTagObjects())
            {
                if (IsSent(field)) fields++;
            }

            w.StructBegin();
            w.Field(Log.Timestamp);
            w.I64(JaegerTime.ToEpochMicroseconds(e.Timestamp.UtcDateTime));
            w.Field(Log.Fields);
            w.ListBegin(ThriftType.Struct, fields);
            tags.WriteString(w, "event", e.Name);
            var remaining = fields - 1; // as for tags: never more fields than the header says
            foreach (var field in e.EnumerateTagObjects())
            {
                if (!IsSent(field)) continue;
                if (remaining-- == 0) break;
                tags.Write(w, field.Key, field.Value!);
            }

            if (remaining > 0) throw new System.InvalidOperationException("an event's fields changed while the span was serialized");

            w.StructEnd();
        }
    }

    private bool IsSent(in System.Collections.Generic.KeyValuePair<string, object?> field) =>
        field.Value is not null && (exceptionMessages || !IsExceptionText(field.Key));

    /// <summary>The OpenTelemetry exception fields that carry the exception's own words.</summary>
    private static bool IsExceptionText(string key) => key is "exception.message" or "exception.stacktrace";

    /// <summary>
    /// The sampler decided this span's fate only if it has no parent at all; a span under a
    /// remote or local parent followed that parent. Written here, not on the app thread.
    /// </summary>
    private static bool IsLocalRootWeSampled(Activity span) =>
        span.Recorded && span.Parent is null && span.ParentSpanId == default; // a field read first: most spans have a local parent
}
