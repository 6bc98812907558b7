using System.Collections.Generic;

namespace Greeter.Client;

/// <summary>A span as it arrived on the wire: Jaeger ids (hex), times in microseconds, its tags as text, and its logs.</summary>
public sealed record ReceivedSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Operation,
    long StartMicros, long DurationMicros, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<ReceivedLog> Logs);

/// <summary>A span log (Jaeger <c>Log</c>): its time in microseconds and its fields as text.</summary>
public sealed record ReceivedLog(long TimestampMicros, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>What a reader wants to see: the formatted message, else the event name.</summary>
    public string Text => Fields.TryGetValue("message", out var message) ? message : Fields.GetValueOrDefault("event", "");
}
