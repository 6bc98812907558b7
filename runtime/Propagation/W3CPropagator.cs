using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>W3C Trace Context (<c>traceparent</c>, <c>tracestate</c>) and W3C Baggage (<c>baggage</c>).</summary>
internal sealed class W3CPropagator : DistributedContextPropagator
{
    private static readonly IReadOnlyCollection<string> HeaderNames = [TraceParent.Header, TraceState.Header, W3CBaggage.Header];

    public override IReadOnlyCollection<string> Fields => HeaderNames;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        if (activity is null || setter is null || activity.TraceId == default || activity.SpanId == default) return;

        setter(carrier, TraceParent.Header, TraceParent.Format(activity.TraceId, activity.SpanId, activity.Recorded));
        if (!string.IsNullOrEmpty(activity.TraceStateString)) setter(carrier, TraceState.Header, activity.TraceStateString!);
        var baggage = W3CBaggage.Format(EffectiveBaggage.Of(activity));
        if (baggage is not null) setter(carrier, W3CBaggage.Header, baggage);
    }

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
        if (getter is null) return;

        // Multiple traceparent headers are invalid; tracestate may be split over several.
        traceId = TraceParent.Normalize(HeaderValue.Read(carrier, getter, TraceParent.Header, combine: false));
        if (traceId is not null) traceState = TraceState.Validate(HeaderValue.Read(carrier, getter, TraceState.Header, combine: true, TraceState.MaxLength));
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        getter is null ? null : W3CBaggage.Parse(HeaderValue.Read(carrier, getter, W3CBaggage.Header, combine: true, W3CBaggage.MaxLength));
}
