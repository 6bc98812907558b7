using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>Drives a propagator the way HttpClient and ASP.NET Core do, over a header dictionary.</summary>
public static class Headers
{
    public static Dictionary<string, string> Of(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    public static Dictionary<string, string> Inject(DistributedContextPropagator propagator, Activity span)
    {
        var headers = Of();
        propagator.Inject(span, headers, static (carrier, name, value) => ((Dictionary<string, string>)carrier!)[name] = value);
        return headers;
    }

    /// <summary>The id string the propagator returns (what ASP.NET Core hands to <c>ActivityContext.TryParse</c>).</summary>
    public static string? TraceParent(DistributedContextPropagator propagator, Dictionary<string, string> headers)
    {
        propagator.ExtractTraceIdAndState(headers, Get, out var traceId, out _);
        return traceId;
    }

    /// <summary>The remote parent, parsed as ASP.NET Core parses it; <c>default</c> for none.</summary>
    public static ActivityContext Extract(DistributedContextPropagator propagator, Dictionary<string, string> headers)
    {
        propagator.ExtractTraceIdAndState(headers, Get, out var traceId, out var traceState);
        return traceId is not null && ActivityContext.TryParse(traceId, traceState, isRemote: true, out var context) ? context : default;
    }

    public static Dictionary<string, string?> Baggage(DistributedContextPropagator propagator, Dictionary<string, string> headers) =>
        BaggageItems(propagator, headers).ToDictionary(b => b.Key, b => b.Value);

    /// <summary>The baggage as the propagator lists it (a key may repeat).</summary>
    public static List<KeyValuePair<string, string?>> BaggageItems(DistributedContextPropagator propagator, Dictionary<string, string> headers) =>
        [.. propagator.ExtractBaggage(headers, Get) ?? []];

    /// <summary>A started span in trace <paramref name="traceId"/> with the given flags; its own span id is random.</summary>
    public static Activity StartSpan(string traceId, ActivityTraceFlags flags, params (string Key, string Value)[] baggage)
    {
        var span = new Activity("propagated");
        span.SetParentId(ActivityTraceId.CreateFromString(traceId.AsSpan()), ActivitySpanId.CreateRandom(), flags);
        foreach (var (key, value) in baggage) span.AddBaggage(key, value);
        span.Start();
        span.ActivityTraceFlags = flags;
        return span;
    }

    private static void Get(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        ((Dictionary<string, string>)carrier!).TryGetValue(name, out value);
        values = null;
    }
}
