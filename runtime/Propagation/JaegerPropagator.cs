using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;

namespace Instrumentation.Propagation;

/// <summary>
/// Jaeger's propagation format: <c>uber-trace-id</c> and one <c>uberctx-{key}</c> header per
/// baggage item (URL-encoded values), as jaeger-client-go reads and writes them.
/// </summary>
internal sealed class JaegerPropagator : DistributedContextPropagator
{
    public const string BaggagePrefix = "uberctx-";

    private static readonly IReadOnlyCollection<string> HeaderNames = [UberTraceId.Header];

    public override IReadOnlyCollection<string> Fields => HeaderNames;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        if (activity is null || setter is null || activity.TraceId == default || activity.SpanId == default) return;

        setter(carrier, UberTraceId.Header, UberTraceId.Format(activity.TraceId, activity.SpanId, activity.Recorded));
        foreach (var item in activity.Baggage)
        {
            // A key that is no header name could not be sent; skip it rather than fail the request.
            if (HttpToken.IsValid(item.Key)) setter(carrier, BaggagePrefix + item.Key, WebUtility.UrlEncode(item.Value ?? string.Empty));
        }
    }

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceState = null;
        traceId = getter is null ? null : UberTraceId.ToTraceParent(HeaderValue.Read(carrier, getter, UberTraceId.Header, combine: false));
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter)
    {
        if (getter is null) return null;

        List<KeyValuePair<string, string?>>? baggage = null;
        foreach (var name in CarrierNames.Of(carrier))
        {
            if (name.Length <= BaggagePrefix.Length || !name.StartsWith(BaggagePrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var value = HeaderValue.Read(carrier, getter, name, combine: true);
            if (value is null) continue;
            // Header names are case-insensitive; Jaeger clients lowercase the key, so do we.
            (baggage ??= []).Add(new(name.Substring(BaggagePrefix.Length).ToLowerInvariant(), WebUtility.UrlDecode(value)));
        }

        AddAdHocBaggage(carrier, getter, ref baggage);
        return baggage;
    }

    /// <summary>
    /// <c>jaeger-baggage: k1=v1, k2=v2</c>: baggage set by hand on a request (curl, a test client), which
    /// the Jaeger clients accept even without a trace context. Read by name, so a getter alone finds it;
    /// never injected (and not in <see cref="Fields"/>, so HttpClient leaves a caller's header alone).
    /// </summary>
    private static void AddAdHocBaggage(object? carrier, PropagatorGetterCallback getter, ref List<KeyValuePair<string, string?>>? baggage)
    {
        var header = HeaderValue.Read(carrier, getter, AdHocBaggageHeader, combine: true);
        if (string.IsNullOrWhiteSpace(header)) return;
        foreach (var pair in WebUtility.UrlDecode(header)!.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2) continue; // malformed: skipped, as the Jaeger clients skip it
            var key = parts[0].Trim();
            if (key.Length > 0) (baggage ??= []).Add(new(key, parts[1].Trim()));
        }
    }

    private const string AdHocBaggageHeader = "jaeger-baggage";
}
