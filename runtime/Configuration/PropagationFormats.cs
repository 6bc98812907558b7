using System;

namespace Instrumentation;

/// <summary>Which trace-context headers are injected and extracted (<c>JAEGER_PROPAGATION</c>).</summary>
[Flags]
public enum PropagationFormats
{
    /// <summary>Jaeger's <c>uber-trace-id</c> and <c>uberctx-*</c> baggage.</summary>
    Jaeger = 1,

    /// <summary>W3C <c>traceparent</c>, <c>tracestate</c> and <c>baggage</c>.</summary>
    W3C = 2,
}
