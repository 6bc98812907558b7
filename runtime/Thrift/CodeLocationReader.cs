using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Instrumentation.Thrift;

/// <summary>
/// Finds the <see cref="CodeLocation"/> of reported spans (see <see cref="CodeLocations"/>) with
/// as few lookups as possible: spans of a source without traced methods (HttpClient's, say) cost
/// one reference comparison, and the names of a trace's methods, which repeat span after span, are
/// remembered in a small table by the identity of the name string. Everything remembered is
/// forgotten when a place is registered. Reporter thread only.
/// </summary>
internal sealed class CodeLocationReader
{
    private const int Slots = 16; // a power of two

    private readonly string?[] names = new string?[Slots];
    private readonly CodeLocation?[] places = new CodeLocation?[Slots];
    private int version = -1;
    private ActivitySource? source;
    private bool sourceHasPlaces;

    public CodeLocation? Find(Activity span)
    {
        var current = CodeLocations.Version;
        var spanSource = span.Source;
        if (current != version || !ReferenceEquals(spanSource, source))
        {
            version = current;
            source = spanSource;
            sourceHasPlaces = CodeLocations.HasPlaces(spanSource);
            System.Array.Clear(names, 0, Slots);
        }

        if (!sourceHasPlaces) return null;
        var name = span.OperationName;
        var slot = RuntimeHelpers.GetHashCode(name) & (Slots - 1);
        if (ReferenceEquals(names[slot], name)) return places[slot];
        var place = CodeLocations.Find(span);
        names[slot] = name;
        places[slot] = place;
        return place;
    }
}
