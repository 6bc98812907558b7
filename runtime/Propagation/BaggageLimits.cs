namespace Instrumentation.Propagation;

/// <summary>
/// How much baggage crosses a process boundary, in either format and either direction: the W3C
/// Baggage limits a receiver must accept (180 items, 8,192 characters). Items are kept or left out
/// whole, in order, so what is kept is always what the sender wrote.
/// </summary>
internal static class BaggageLimits
{
    public const int MaxItems = 180;

    /// <summary>Characters of keys and values (as sent, encoded) together.</summary>
    public const int MaxLength = 8192;
}
