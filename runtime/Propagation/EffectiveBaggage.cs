using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>
/// The baggage a span passes on: <see cref="Activity.Baggage"/> lists the span's own items first,
/// then each ancestor's, so a key a child set again appears twice. The first of each key is the one
/// <see cref="Activity.GetBaggageItem"/> returns, and the only one sent: a receiver that keeps the
/// last of two headers or list members would otherwise see the ancestor's value.
/// </summary>
internal static class EffectiveBaggage
{
    public static IEnumerable<KeyValuePair<string, string?>> Of(Activity activity)
    {
        HashSet<string>? seen = null;
        foreach (var item in activity.Baggage)
        {
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (seen.Add(item.Key)) yield return item;
        }
    }
}
