using System;
using System.Diagnostics;
using Instrumentation.Propagation;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Reporting;

/// <summary>
/// <c>LogSpans</c>: one line per finished span, in Jaeger's <c>trace:span:parent:flags</c> form, with
/// the operation and the duration. Runs on the app thread (as Go's logging reporter does), so it
/// is on only when asked for.
/// </summary>
internal sealed class LoggingReporter(ILogger logger) : IReporter
{
    private static readonly Action<ILogger, string, string, string, int, string, double, Exception?> SpanLine =
        LoggerMessage.Define<string, string, string, int, string, double>(
            LogLevel.Information,
            new EventId(1, "SpanReported"),
            "Reporting span {TraceId}:{SpanId}:{ParentSpanId}:{Flags} {Operation} {DurationMs:0.000} ms");

    public void Report(Activity span)
    {
        try
        {
            // Inside the try too: a provider whose IsEnabled throws makes the logger throw an AggregateException.
            if (!logger.IsEnabled(LogLevel.Information)) return;
            var parent = span.ParentSpanId == default ? "0" : span.ParentSpanId.ToHexString();
            SpanLine(logger, UberTraceId.TraceIdText(span.TraceId), span.SpanId.ToHexString(), parent,
                Thrift.CompactSpanWriter.JaegerFlags(span), span.DisplayName, span.Duration.TotalMilliseconds, null); // the flags sent: 1 sampled, 2 debug
        }
        catch
        {
            // A failing log sink must not reach the traced application.
        }
    }

    public bool Flush(TimeSpan timeout) => true;

    public void Dispose()
    {
    }
}
