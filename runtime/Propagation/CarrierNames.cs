using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
#if NET
using System.Diagnostics.CodeAnalysis;
#endif
using System.Reflection;
using Microsoft.Extensions.Primitives;

namespace Instrumentation.Propagation;

/// <summary>
/// Header names of carriers that can be enumerated. A getter callback answers only for a known
/// name, so prefixed headers (Jaeger's <c>uberctx-*</c> baggage) are found only in these carriers:
/// string dictionaries, <c>HttpHeaders</c>, object-valued message headers, ASP.NET Core's request
/// headers (<c>IDictionary&lt;string, StringValues&gt;</c>), and any other <c>IDictionary&lt;string, T&gt;</c>
/// where the runtime can make code at run time (not in native AOT apps).
/// </summary>
internal static class CarrierNames
{
    private static readonly ConcurrentDictionary<Type, Func<object, IEnumerable<string>>?> DictionaryKeyReaders = new();

    public static IEnumerable<string> Of(object? carrier) => carrier switch
    {
        null => [],
        IEnumerable<KeyValuePair<string, string>> pairs => Keys(pairs),
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers => Keys(headers),
        IEnumerable<KeyValuePair<string, StringValues>> aspNetCore => Keys(aspNetCore),
        IEnumerable<KeyValuePair<string, object>> objects => Keys(objects),
        _ => DictionaryKeyReaders.GetOrAdd(carrier.GetType(), DictionaryKeyReader)?.Invoke(carrier) ?? [],
    };

    private static IEnumerable<string> Keys<T>(IEnumerable<KeyValuePair<string, T>> pairs)
    {
        foreach (var pair in pairs)
        {
            if (pair.Key is not null) yield return pair.Key;
        }
    }

    /// <summary>Reads <c>Keys</c> of the carrier's <c>IDictionary&lt;string, T&gt;</c>, found once per carrier type; null when it has none.</summary>
#if NET
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "An interface the trimmer removed is simply not found: the carrier is then read through the getter alone.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called where dynamic code is supported (checked first).")]
#endif
    private static Func<object, IEnumerable<string>>? DictionaryKeyReader(Type type)
    {
#if NET
        // Native AOT has no code for instantiations it did not see at compile time.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) return null;
#endif
        try
        {
            foreach (var candidate in type.GetInterfaces())
            {
                if (!candidate.IsGenericType || candidate.GetGenericTypeDefinition() != typeof(IDictionary<,>)) continue;
                var arguments = candidate.GetGenericArguments();
                if (arguments[0] != typeof(string)) continue;
                var reader = typeof(CarrierNames).GetMethod(nameof(DictionaryKeys), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(arguments[1]);
                return (Func<object, IEnumerable<string>>)reader.CreateDelegate(typeof(Func<object, IEnumerable<string>>));
            }
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // A runtime that cannot make the instantiation: only getter lookups.
        }

        return null;
    }

    private static IEnumerable<string> DictionaryKeys<T>(object carrier) => ((IDictionary<string, T>)carrier).Keys;
}
