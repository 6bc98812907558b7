using System.Globalization;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>Renders decoded Jaeger ids as W3C/.NET print them (lowercase hex), to compare with activity ids.</summary>
public static class WireIds
{
    public static string SpanHex(long spanId) => spanId.ToString("x16", CultureInfo.InvariantCulture);

    public static string TraceHex(long high, long low) => SpanHex(high) + SpanHex(low);

    /// <summary>The low half of a trace id as Jaeger's <c>traceIdLow</c> carries it.</summary>
    public static long Low(System.Diagnostics.ActivityTraceId traceId) =>
        long.Parse(traceId.ToHexString().Substring(16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
