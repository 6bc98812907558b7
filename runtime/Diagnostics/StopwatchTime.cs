using System;
using System.Diagnostics;

namespace Instrumentation.Diagnostics;

/// <summary>
/// Conversions between <see cref="TimeSpan"/> and <see cref="Stopwatch"/> ticks that cannot
/// overflow: an hour-long flush interval multiplied out in ticks exceeds a long, and a wait that
/// wraps to zero would make the reporter thread spin.
/// </summary>
internal static class StopwatchTime
{
    /// <summary>About 11 days: longer spans (and infinite ones) are treated as "never".</summary>
    private const double MaxSeconds = 1_000_000;

    /// <summary>Stopwatch ticks in <paramref name="span"/>; negative (infinite) or very long spans give a far-future distance.</summary>
    public static long Ticks(TimeSpan span)
    {
        var seconds = span < TimeSpan.Zero ? MaxSeconds : Math.Min(span.TotalSeconds, MaxSeconds);
        return (long)(seconds * Stopwatch.Frequency);
    }

    /// <summary>A wait for <paramref name="ticks"/> Stopwatch ticks, at least 1 ms, within what waits accept.</summary>
    public static TimeSpan Wait(long ticks)
    {
        var milliseconds = ticks * 1000.0 / Stopwatch.Frequency;
        return TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(milliseconds, MaxSeconds * 1000)));
    }

    /// <summary>
    /// <paramref name="span"/> for APIs that take at most <see cref="int.MaxValue"/> ms (about 24.8
    /// days: <c>Thread.Join</c>, <c>HttpClient.Timeout</c>), which throw on longer ones: those mean
    /// no limit.
    /// </summary>
    public static TimeSpan Timeout(TimeSpan span) =>
        span.TotalMilliseconds > int.MaxValue ? System.Threading.Timeout.InfiniteTimeSpan : span;
}
