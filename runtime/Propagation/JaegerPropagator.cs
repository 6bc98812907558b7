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

        setter(carrier, UberTraceId.Header, UberTraceId.Format(activity.TraceId, activity.SpanId, activity.Recorded, JaegerDebug.IsDebug(activity)));
        var limit = new BaggageBudget();
        foreach (var item in EffectiveBaggage.Of(activity))
        {
            // A key that is no header name could not be sent; skip it rather than fail the request.
            if (!HttpToken.IsValid(item.Key)) continue;
            var value = WebUtility.UrlEncode(item.Value ?? string.Empty);
            if (!limit.TryTake(item.Key, value)) continue;
            setter(carrier, BaggagePrefix + item.Key, value);
            if (limit.Full) break;
        }
    }

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceState = null;
        var debug = false;
        traceId = getter is null ? null : UberTraceId.ToTraceParent(HeaderValue.Read(carrier, getter, UberTraceId.Header, combine: false), out debug);
        if (debug) traceState = JaegerDebug.Entry;
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter)
    {
        if (getter is null) return null;

        var baggage = new BaggageCollector();
        // A list of string pairs read through TraceContext's own lookup is read in one pass: looking
        // each name up again would scan the list once per header. A caller's getter is always asked.
        var pairs = carrier as IEnumerable<KeyValuePair<string, string>>;
        var direct = pairs is not null && ReferenceEquals(getter, TraceContext.PairsGetter) &&
            carrier is not IReadOnlyDictionary<string, string> and not IDictionary<string, string>;
        if (direct)
        {
            foreach (var pair in pairs!)
            {
                if (!IsBaggageHeader(pair.Key) || pair.Value is null) continue;
                AddPrefixed(baggage, pair.Key, pair.Value);
                if (baggage.Full) break;
            }
        }
        else
        {
            foreach (var name in CarrierNames.Of(carrier))
            {
                if (!IsBaggageHeader(name)) continue;
                var value = HeaderValue.Read(carrier, getter, name, combine: true, BaggageLimits.MaxLength * 3);
                if (value is null) continue;
                AddPrefixed(baggage, name, value);
                if (baggage.Full) break;
            }
        }

        if (!baggage.Full) AddAdHocBaggage(carrier, getter, baggage);
        return baggage.Items;
    }

    /// <summary>A <c>uberctx-{key}</c> header: header names are case-insensitive, and Jaeger clients lowercase the key, so do we.</summary>
    private static void AddPrefixed(BaggageCollector baggage, string header, string encodedValue) =>
        baggage.Add(header.Substring(BaggagePrefix.Length).ToLowerInvariant(), WebUtility.UrlDecode(encodedValue), encodedValue);

    private static bool IsBaggageHeader(string? name) =>
        name is not null && name.Length > BaggagePrefix.Length && name.StartsWith(BaggagePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>jaeger-baggage: k1=v1, k2=v2</c>: baggage set by hand on a request (curl, a test client), which
    /// the Jaeger clients accept even without a trace context. Read by name, so a getter alone finds it;
    /// never injected (and not in <see cref="Fields"/>, so HttpClient leaves a caller's header alone).
    /// Split into items before each key and value is URL-decoded, so an encoded <c>=</c> or <c>,</c>
    /// stays in its value; read only as far as the baggage limits reach.
    /// </summary>
    private static void AddAdHocBaggage(object? carrier, PropagatorGetterCallback getter, BaggageCollector baggage)
    {
        var header = HeaderValue.Read(carrier, getter, AdHocBaggageHeader, combine: true, BaggageLimits.MaxLength * 3);
        if (string.IsNullOrWhiteSpace(header)) return;
        var start = 0;
        while (start < header!.Length && !baggage.Full)
        {
            var comma = header.IndexOf(',', start);
            var end = comma < 0 ? header.Length : comma;
            var equals = header.IndexOf('=', start, end - start);
            // Malformed (no '=', or a second one): skipped, as the Jaeger clients skip it.
            if (equals > start && header.IndexOf('=', equals + 1, end - equals - 1) < 0)
            {
                var key = WebUtility.UrlDecode(header.Substring(start, equals - start).Trim());
                var value = WebUtility.UrlDecode(header.Substring(equals + 1, end - equals - 1).Trim());
                if (key.Length > 0) baggage.Add(key, value, value);
            }

            start = end + 1;
        }
    }

    private const string AdHocBaggageHeader = "jaeger-baggage";
}
