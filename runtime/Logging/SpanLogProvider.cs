using System;
using System.Threading;
using Instrumentation.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.Logging;

/// <summary>
/// A logging provider that attaches every record written while a sampled span is current to that
/// span as an event, which Jaeger shows as a log inside the span (OpenTracing's <c>span.Log</c>).
/// It does nothing outside spans and in unsampled ones, and ignores the tracer's own lines (LogSpans). Add it with
/// <c>logging.AddSpanLogs()</c>; the factory's level filters apply to it as to any provider.
/// </summary>
public sealed class SpanLogProvider : ILoggerProvider
{
    private long droppedEvents;

    /// <summary>A provider with the default cap of <see cref="SpanLogOptions.DefaultMaxEventsPerSpan"/> events per span.</summary>
    public SpanLogProvider()
        : this(new SpanLogOptions())
    {
    }

    /// <summary>A provider with the given settings.</summary>
    /// <exception cref="InvalidTracerSettingException">The cap is not positive.</exception>
    public SpanLogProvider(SpanLogOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.MaxEventsPerSpan < 1)
            throw new InvalidTracerSettingException("SpanLogOptions.MaxEventsPerSpan", options.MaxEventsPerSpan.ToString(), "a whole number of at least 1");
        MaxEventsPerSpan = options.MaxEventsPerSpan;
    }

    /// <summary>The cap of events per span.</summary>
    public int MaxEventsPerSpan { get; }

    /// <summary>Records not attached because their span already held <see cref="MaxEventsPerSpan"/> events.</summary>
    public long DroppedEvents => Interlocked.Read(ref droppedEvents);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        TracerLogCategories.IsTracerCategory(categoryName) ? NullLogger.Instance : new SpanLogger(this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    internal void CountDropped() => Interlocked.Increment(ref droppedEvents);
}
