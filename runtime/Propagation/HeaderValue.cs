using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Instrumentation.Propagation;

/// <summary>Reads one header through a propagator getter, which may answer with one value or several.</summary>
internal static class HeaderValue
{
    /// <summary>
    /// The header's value; null when absent, or when it is repeated and <paramref name="combine"/> is
    /// false. Repeated values are joined with commas for list headers (<c>tracestate</c>, <c>baggage</c>),
    /// and reading stops once the text is longer than <paramref name="maxLength"/> (the caller's
    /// limit then applies to what was read), so a getter with thousands of values costs linear time.
    /// </summary>
    public static string? Read(object? carrier, DistributedContextPropagator.PropagatorGetterCallback getter, string name, bool combine, int maxLength = int.MaxValue)
    {
        getter(carrier, name, out var value, out var values);
        if (value is not null || values is null) return value;

        string? first = null;
        StringBuilder? joined = null;
        foreach (var item in values)
        {
            if (item is null) continue;
            if (first is null)
            {
                first = item;
                continue;
            }

            if (!combine) return null;
            joined ??= new StringBuilder(first);
            joined.Append(',').Append(item);
            if (joined.Length > maxLength) break;
        }

        return joined?.ToString() ?? first;
    }
}
