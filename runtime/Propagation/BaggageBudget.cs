namespace Instrumentation.Propagation;

/// <summary>Counts baggage items against <see cref="BaggageLimits"/>, whole items only.</summary>
internal struct BaggageBudget
{
    private int items;
    private int length;

    /// <summary>No further item can be taken.</summary>
    public readonly bool Full => items >= BaggageLimits.MaxItems || length >= BaggageLimits.MaxLength;

    /// <summary>Takes the item if it fits in what is left; an item too long for the rest is refused, later shorter ones may fit.</summary>
    public bool TryTake(string key, string value)
    {
        if (Full) return false;
        var size = key.Length + value.Length;
        if (length + size > BaggageLimits.MaxLength) return false;
        items++;
        length += size;
        return true;
    }
}
