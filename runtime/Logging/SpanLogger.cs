using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Logging;

/// <summary>
/// Turns a log record into an event of the current sampled span. <see cref="IsEnabled"/> answers
/// false outside sampled spans, so the logging framework skips this logger there (the unsampled
/// case costs one <see cref="Activity.Current"/> read).
/// </summary>
internal sealed class SpanLogger(SpanLogProvider provider) : ILogger
{
    /// <summary>Events attached so far, per span; entries go away with their spans.</summary>
    private static readonly ConditionalWeakTable<Activity, EventCount> Counts = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && Activity.Current is { Recorded: true };

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.None) return;
        var span = Activity.Current;
        // A stopped span may already be on the reporter thread being serialized: never add to it
        // (records written from stop callbacks, such as LogSpans lines, would land there).
        if (span is not { Recorded: true, IsAllDataRequested: true, IsStopped: false }) return;
        try
        {
            if (!Counts.GetValue(span, static _ => new EventCount()).TryTake(provider.MaxEventsPerSpan))
            {
                provider.CountDropped();
                return;
            }

            span.AddEvent(LogEvent.Create(logLevel, eventId, state, exception, formatter));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A state object whose formatting throws must not break the application's logging call.
        }
    }

    private sealed class EventCount
    {
        private int taken;

        public bool TryTake(int max)
        {
            // Counts past the cap too, harmlessly: only "was this one under it" matters.
            return System.Threading.Interlocked.Increment(ref taken) <= max;
        }
    }
}
