using System;
using System.Collections.Generic;

namespace Instrumentation.Propagation;

/// <summary>
/// Extracted baggage, kept within <see cref="BaggageLimits"/>: the first value of a key wins, and
/// an item that does not fit in what is left is left out whole (a later, shorter one may fit).
/// </summary>
internal sealed class BaggageCollector
{
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    private BaggageBudget budget;

    public List<KeyValuePair<string, string?>>? Items { get; private set; }

    /// <summary>No further item can be kept: stop reading.</summary>
    public bool Full => budget.Full;

    /// <summary>Keeps <paramref name="key"/> = <paramref name="value"/>, counting <paramref name="sentValue"/> (the value as it was sent) against the limits.</summary>
    public void Add(string key, string? value, string sentValue)
    {
        if (keys.Contains(key) || !budget.TryTake(key, sentValue)) return;
        keys.Add(key);
        (Items ??= []).Add(new(key, value));
    }
}
