using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>Reads one header through a propagator getter, which may answer with one value or several.</summary>
internal static class HeaderValue
{
    /// <summary>
    /// The header's value; null when absent, or when it is repeated and <paramref name="combine"/> is
    /// false. Repeated values are joined with commas for list headers (<c>tracestate</c>, <c>baggage</c>).
    /// </summary>
    public static string? Read(object? carrier, DistributedContextPropagator.PropagatorGetterCallback getter, string name, bool combine)
    {
        getter(carrier, name, out var value, out var values);
        if (value is not null || values is null) return value;

        string? single = null;
        var count = 0;
        foreach (var item in values)
        {
            if (item is null) continue;
            single = count == 0 ? item : single + "," + item;
            count++;
        }

        return count > 1 && !combine ? null : single;
    }
}
