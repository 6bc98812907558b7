using System;
using System.Collections.Generic;

namespace Instrumentation;

/// <summary>Finds a header in a key/value carrier: exact key first, then ignoring case (HTTP header names are case-insensitive).</summary>
internal static class CarrierLookup
{
    public static string? Find(IEnumerable<KeyValuePair<string, string>> carrier, string name)
    {
        switch (carrier)
        {
            case IReadOnlyDictionary<string, string> read when read.TryGetValue(name, out var found):
                return found;
            case IDictionary<string, string> write when write.TryGetValue(name, out var found):
                return found;
        }

        foreach (var pair in carrier)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }

        return null;
    }
}
