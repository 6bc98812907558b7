namespace Instrumentation.Logging;

/// <summary>Settings of <see cref="SpanLogProvider"/>.</summary>
public sealed class SpanLogOptions
{
    /// <summary>The default cap: 128 events per span, as OpenTelemetry's default span limits.</summary>
    public const int DefaultMaxEventsPerSpan = 128;

    /// <summary>
    /// Log records kept per span; later records in the same span are dropped and counted in
    /// <see cref="SpanLogProvider.DroppedEvents"/>. Bounds the memory one chatty span can hold.
    /// </summary>
    public int MaxEventsPerSpan { get; set; } = DefaultMaxEventsPerSpan;
}
