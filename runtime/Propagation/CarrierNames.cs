using System.Collections.Generic;

namespace Instrumentation.Propagation;

/// <summary>
/// Header names of carriers that can be enumerated. A getter callback answers only for a known
/// name, so prefixed headers (Jaeger's <c>uberctx-*</c> baggage) are found only in these carriers:
/// string dictionaries, <c>HttpHeaders</c>, and object-valued message headers.
/// </summary>
internal static class CarrierNames
{
    public static IEnumerable<string> Of(object? carrier) => carrier switch
    {
        IEnumerable<KeyValuePair<string, string>> pairs => Keys(pairs),
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers => Keys(headers),
        IEnumerable<KeyValuePair<string, object>> objects => Keys(objects),
        _ => [],
    };

    private static IEnumerable<string> Keys<T>(IEnumerable<KeyValuePair<string, T>> pairs)
    {
        foreach (var pair in pairs)
        {
            if (pair.Key is not null) yield return pair.Key;
        }
    }
}
