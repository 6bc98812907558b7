using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Instrumentation.Propagation;

/// <summary>
/// Several formats at once: injects every one; extracts the parent from the first format whose
/// header is present and valid (W3C before Jaeger), and merges their baggage (the first format's
/// value wins a key both carry). Nothing a carrier or a header does escapes as an exception.
/// </summary>
internal sealed class CompositePropagator : DistributedContextPropagator
{
    private readonly DistributedContextPropagator[] formats;

    public CompositePropagator(IEnumerable<DistributedContextPropagator> formats)
    {
        this.formats = [.. formats];
        Fields = this.formats.SelectMany(f => f.Fields).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public override IReadOnlyCollection<string> Fields { get; }

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        foreach (var format in formats)
        {
            try
            {
                format.Inject(activity, carrier, setter);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A carrier that refuses a header must not fail the call it travels with.
            }
        }
    }

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        foreach (var format in formats)
        {
            try
            {
                format.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
                if (traceId is not null)
                {
                    RequestedDebugRoot.Clear();
                    return;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A getter that throws reads as a missing header.
            }
        }

        traceId = null;
        traceState = null;
        RequestedDebugRoot.Note(carrier, getter);
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter)
    {
        // Each format keeps to the limits; together they are kept to them too.
        var merged = new BaggageCollector();
        foreach (var format in formats)
        {
            IEnumerable<KeyValuePair<string, string?>>? items;
            try
            {
                items = format.ExtractBaggage(carrier, getter)?.ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                continue;
            }

            if (items is null) continue;
            foreach (var item in items) merged.Add(item.Key, item.Value, item.Value ?? string.Empty);
        }

        return merged.Items;
    }
}
