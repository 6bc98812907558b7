using System.Collections.Generic;

namespace Greeter.Client;

/// <summary>A span as it arrived on the wire: Jaeger ids (hex), times in microseconds, and its tags as text.</summary>
public sealed record ReceivedSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Operation,
    long StartMicros, long DurationMicros, IReadOnlyDictionary<string, string> Tags);
