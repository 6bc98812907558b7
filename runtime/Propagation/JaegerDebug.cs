using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>
/// Jaeger's debug flag (bit 2 of <c>uber-trace-id</c>'s flags): a trace someone asked to see, sampled
/// whatever the samplers say, shown as debug in Jaeger and passed on as debug. W3C trace context has
/// no such bit, so the flag rides in the context's trace state as <see cref="Entry"/>: children
/// inherit it with the rest of the context, and the W3C format passes it on in <c>tracestate</c>.
/// </summary>
internal static class JaegerDebug
{
    /// <summary>The trace-state list member that marks a debug trace.</summary>
    public const string Entry = "jaeger-debug=1";

    /// <summary>Whether <paramref name="traceState"/> (a W3C <c>tracestate</c> list) holds <see cref="Entry"/>.</summary>
    public static bool IsDebug(string? traceState)
    {
        if (traceState is null) return false;
        var at = traceState.IndexOf(Entry, StringComparison.Ordinal);
        while (at >= 0)
        {
            var starts = at == 0 || traceState[at - 1] is ',' or ' ' or '\t';
            var end = at + Entry.Length;
            var ends = end == traceState.Length || traceState[end] is ',' or ' ' or '\t';
            if (starts && ends) return true;
            at = traceState.IndexOf(Entry, end, StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>Whether <paramref name="span"/> belongs to a debug trace.</summary>
    public static bool IsDebug(Activity span) => IsDebug(span.TraceStateString);

    /// <summary>The request header that asks for a debug trace when the request carries no trace context.</summary>
    public const string IdHeader = "jaeger-debug-id";

    /// <summary>The root span's tag that carries that header's value, as the Jaeger clients tag it.</summary>
    public const string IdTag = "jaeger-debug-id";

    /// <summary>The longest debug id kept: it comes from outside.</summary>
    private const int MaxIdLength = 256;

    /// <summary>The <see cref="IdHeader"/> entry of a message's headers (any case), or null.</summary>
    public static string? IdIn(IEnumerable<KeyValuePair<string, string>>? carrier)
    {
        if (carrier is null) return null;
        try
        {
            var id = CarrierLookup.Find(carrier, IdHeader);
            return string.IsNullOrWhiteSpace(id) ? null : id;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // a carrier that throws while read (changed meanwhile, or lazy) has no debug id
        }
    }

    /// <summary>
    /// Makes <paramref name="root"/>, a request's span that starts a trace, a debug trace named by
    /// <paramref name="debugId"/>: recorded whatever the sampler said, tagged, and passed on as debug.
    /// A span with a parent (the request carried trace context), or an empty id, is left as it is.
    /// </summary>
    public static bool MarkRoot(Activity root, string? debugId)
    {
        if (root.Parent is not null || root.ParentSpanId != default || string.IsNullOrWhiteSpace(debugId)) return false;
        var id = debugId!.Trim();
        if (id.Length > MaxIdLength) id = id.Substring(0, MaxIdLength);
        root.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        root.IsAllDataRequested = true;
        root.TraceStateString = Entry;
        root.SetTag(IdTag, id);
        return true;
    }
}
