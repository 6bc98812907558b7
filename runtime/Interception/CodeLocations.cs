using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Instrumentation;

/// <summary>
/// The code location of each traced method, by its source and span name, so a span needs no
/// <c>code.*</c> tags of its own: the reporter finds the location by the span's
/// <see cref="Activity.Source"/> and <see cref="Activity.OperationName"/> (the very string the
/// method started it with) and writes the three tags itself. That saves the app thread three tag
/// nodes per span (about 160 bytes) and lets the reporter copy the tags as encoded bytes.
/// <para>
/// The tags still go on the <see cref="Activity"/> whenever someone else may read them there: when
/// no tracer of ours is running (an OpenTelemetry SDK or any other listener alone), when a running
/// tracer asks for it (<see cref="TracerConfiguration.CodeTagsOnActivity"/>), and for a name that
/// two places share.
/// </para>
/// </summary>
internal static class CodeLocations
{
    /// <summary>Places kept at most, so block names made at run time cannot grow the table without bound.</summary>
    public const int MaxPlaces = 1 << 16;

    private static readonly object Gate = new();
    private static readonly Dictionary<(ActivitySource Source, string Name), CodeLocation> ByName = new(new NameComparer(identity: false));
    private static readonly ConcurrentDictionary<(ActivitySource Source, string Name), CodeLocation> ByIdentity = new(new NameComparer(identity: true));
    private static readonly ConcurrentDictionary<ActivitySource, bool> SourcesWithPlaces = new(); // ActivitySource keeps reference equality
    private static int version;
    private static int runningTracers;
    private static int taggingTracers;
    private static volatile bool onActivity = true;

    /// <summary>Changes whenever a place is registered, so a reader's cached misses can be trusted until it changes.</summary>
    public static int Version => Volatile.Read(ref version);

    /// <summary>Whether traced methods must put their code tags on the Activity (see the class summary).</summary>
    public static bool OnActivity => onActivity;

    /// <summary>
    /// Records that spans of <paramref name="source"/> named <paramref name="name"/> are made at
    /// <paramref name="place"/>. Returns what the reporter will find for that name: <paramref name="place"/>,
    /// or the place registered first under that name (then <see cref="CodeLocation.Ambiguous"/> if it
    /// is elsewhere); null when the table is full.
    /// </summary>
    public static CodeLocation? Register(ActivitySource source, string name, CodeLocation place)
    {
        lock (Gate)
        {
            if (ByName.TryGetValue((source, name), out var first))
            {
                if (!first.SamePlace(place.FunctionName, place.FilePath, place.LineNumber as int? ?? 0)) first.MarkAmbiguous();
                if (ByIdentity.TryAdd((source, name), first)) Interlocked.Increment(ref version);
                return first;
            }

            if (ByName.Count >= MaxPlaces) return null;
            SourcesWithPlaces.TryAdd(source, true);
            ByName.Add((source, name), place);
            ByIdentity.TryAdd((source, name), place);
            Interlocked.Increment(ref version);
            return place;
        }
    }

    /// <summary>Whether any span of <paramref name="source"/> can have a place.</summary>
    public static bool HasPlaces(ActivitySource source) => SourcesWithPlaces.ContainsKey(source);

    /// <summary>The place of a span started by a traced method, or null (reporter threads).</summary>
    public static CodeLocation? Find(Activity span) =>
        ByIdentity.TryGetValue((span.Source, span.OperationName), out var place) ? place : null;

    /// <summary>A tracer started: it writes code locations into the spans it reports.</summary>
    public static void TracerStarted(bool tagsOnActivity) => Count(+1, tagsOnActivity);

    /// <summary>A tracer stopped.</summary>
    public static void TracerStopped(bool tagsOnActivity) => Count(-1, tagsOnActivity);

    private static void Count(int change, bool tagsOnActivity)
    {
        lock (Gate)
        {
            runningTracers += change;
            if (tagsOnActivity) taggingTracers += change;
            onActivity = runningTracers == 0 || taggingTracers > 0;
        }
    }

    /// <summary>The source by reference; the name by value (registering) or by reference (the reporter's lookup, which sees the method's own string).</summary>
    private sealed class NameComparer(bool identity) : IEqualityComparer<(ActivitySource Source, string Name)>
    {
        public bool Equals((ActivitySource Source, string Name) x, (ActivitySource Source, string Name) y) =>
            ReferenceEquals(x.Source, y.Source) && (identity ? ReferenceEquals(x.Name, y.Name) : string.Equals(x.Name, y.Name));

        public int GetHashCode((ActivitySource Source, string Name) key) =>
            RuntimeHelpers.GetHashCode(key.Source) * 31 + (identity ? RuntimeHelpers.GetHashCode(key.Name) : key.Name.GetHashCode());
    }
}
