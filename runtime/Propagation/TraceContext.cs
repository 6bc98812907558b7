using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// Injects and extracts trace context for any carrier (message headers, a dictionary, a callback),
/// with the propagator .NET uses for HttpClient and ASP.NET Core:
/// <see cref="DistributedContextPropagator.Current"/>, which a started tracer sets to the configured
/// formats (Jaeger <c>uber-trace-id</c>, W3C <c>traceparent</c>, or both). Never throws on bad input:
/// a malformed or missing header extracts as <c>default</c> (the next span starts a new trace).
/// </summary>
public static class TraceContext
{
    /// <summary>Writes the context of <paramref name="span"/> (or <see cref="Activity.Current"/> when null) into <paramref name="carrier"/>.</summary>
    public static void Inject(Activity? span, IDictionary<string, string>? carrier)
    {
        if (carrier is null) return;
        Inject(span, carrier, static (c, key, value) => c[key] = value);
    }

    /// <summary>Writes the context of <paramref name="span"/> (or <see cref="Activity.Current"/> when null) through <paramref name="setter"/>.</summary>
    public static void Inject<TCarrier>(Activity? span, TCarrier carrier, Action<TCarrier, string, string> setter)
    {
        var source = span ?? Activity.Current;
        if (source is null || setter is null) return;
        try
        {
            DistributedContextPropagator.Current.Inject(source, (carrier, setter), static (state, key, value) =>
            {
                var (c, set) = ((TCarrier, Action<TCarrier, string, string>))state!;
                set(c, key, value);
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A carrier that refuses a header must not break the traced call.
        }
    }

    /// <summary>The remote parent found in <paramref name="carrier"/>; <c>default</c> when there is none or it is malformed.</summary>
    public static ActivityContext Extract(IEnumerable<KeyValuePair<string, string>>? carrier)
    {
        if (carrier is null) return default;
        try
        {
            DistributedContextPropagator.Current.ExtractTraceIdAndState(carrier, PairsGetter, out var traceParent, out var traceState);
            return Parse(traceParent, traceState);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return default;
        }
    }

    /// <summary>The remote parent read through <paramref name="getter"/> (header name to value, or null); <c>default</c> when absent or malformed.</summary>
    public static ActivityContext Extract<TCarrier>(TCarrier carrier, Func<TCarrier, string, string?> getter)
    {
        if (getter is null) return default;
        try
        {
            DistributedContextPropagator.Current.ExtractTraceIdAndState((carrier, getter), Get<TCarrier>, out var traceParent, out var traceState);
            return Parse(traceParent, traceState);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return default;
        }
    }

    /// <summary>The baggage found in <paramref name="carrier"/>; empty when none.</summary>
    /// <remarks>Jaeger's <c>uberctx-*</c> headers are found here, where the header names can be listed, and not through a getter.</remarks>
    public static IReadOnlyList<KeyValuePair<string, string?>> ExtractBaggage(IEnumerable<KeyValuePair<string, string>>? carrier)
    {
        if (carrier is null) return [];
        try
        {
            var baggage = DistributedContextPropagator.Current.ExtractBaggage(carrier, PairsGetter);
            return baggage is null ? [] : [.. baggage];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    /// <summary>The baggage read through <paramref name="getter"/>; empty when none.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> ExtractBaggage<TCarrier>(TCarrier carrier, Func<TCarrier, string, string?> getter)
    {
        if (getter is null) return [];
        try
        {
            var baggage = DistributedContextPropagator.Current.ExtractBaggage((carrier, getter), Get<TCarrier>);
            return baggage is null ? [] : [.. baggage];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static ActivityContext Parse(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;

    /// <summary>The lookup used for pair carriers; the Jaeger propagator reads such carriers in one pass only when given this one.</summary>
    internal static readonly DistributedContextPropagator.PropagatorGetterCallback PairsGetter = GetFromPairs;

    // The carrier itself is passed to the propagator (not wrapped) so that it can list header names.
    private static void GetFromPairs(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        value = CarrierLookup.Find((IEnumerable<KeyValuePair<string, string>>)carrier!, name);
        values = null;
    }

    private static void Get<TCarrier>(object? state, string name, out string? value, out IEnumerable<string>? values)
    {
        var (carrier, getter) = ((TCarrier, Func<TCarrier, string, string?>))state!;
        value = getter(carrier, name);
        values = null;
    }
}
