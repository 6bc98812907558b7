using System.Globalization;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>Renders decoded Jaeger ids as W3C/.NET print them (lowercase hex), to compare with activity ids.</summary>
public static class WireIds
{
    public static string SpanHex(long spanId) => spanId.ToString("x16", CultureInfo.InvariantCulture);

    public static string TraceHex(long high, long low) => SpanHex(high) + SpanHex(low);
}
