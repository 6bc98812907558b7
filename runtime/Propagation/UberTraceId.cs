using System.Diagnostics;
using System.Net;

namespace Instrumentation.Propagation;

/// <summary>
/// Jaeger's <c>uber-trace-id</c> value, <c>{trace}:{span}:{parent}:{flags}</c> in hex, written as
/// jaeger-client-go writes it and read as leniently as the Jaeger clients read it.
/// </summary>
internal static class UberTraceId
{
    public const string Header = "uber-trace-id";

    private const int SampledFlag = 1;
    private const int DebugFlag = 2;

    /// <summary>16 hex digits for the trace id when its high half is zero, else 32; the deprecated parent is <c>0</c>; flags 1 sampled, 3 debug.</summary>
    public static string Format(ActivityTraceId traceId, ActivitySpanId spanId, bool sampled, bool debug = false) =>
        TraceIdText(traceId) + ":" + spanId.ToHexString() + ":0:" + (debug ? "3" : sampled ? "1" : "0");

    /// <summary>The trace id as the Jaeger clients print it: 16 hex digits when its high half is zero (a 64-bit id), else 32.</summary>
    public static string TraceIdText(ActivityTraceId traceId)
    {
        var trace = traceId.ToHexString();
        return trace.StartsWith("0000000000000000", System.StringComparison.Ordinal) ? trace.Substring(16) : trace;
    }

    /// <summary>
    /// The value as a W3C <c>traceparent</c> (the form .NET parses with <c>ActivityContext.TryParse</c>);
    /// null when malformed. Accepts URL-encoded values, short ids (zero-padded), either hex case,
    /// and the debug flag, which counts as sampled; <paramref name="debug"/> tells whether it is set.
    /// </summary>
    public static string? ToTraceParent(string? value, out bool debug)
    {
        debug = false;
        if (value is null) return null;
        value = value.Trim();
        if (value.Length == 0 || value.Length > MaxLength) return null;
        if (value.IndexOf('%') >= 0) value = WebUtility.UrlDecode(value);

        var parts = value.Split(':');
        if (parts.Length != 4) return null;

        var trace = Padded(parts[0], 32);
        var span = Padded(parts[1], 16);
        if (trace is null || span is null || Padded(parts[2], 16) is null) return null;
        if (!Hex.IsLowerNonZero(trace, 0, 32) || !Hex.IsLowerNonZero(span, 0, 16)) return null;
        if (!TryParseFlags(parts[3], out var flags)) return null;

        debug = (flags & DebugFlag) != 0;
        var sampled = (flags & (SampledFlag | DebugFlag)) != 0;
        return "00-" + trace + "-" + span + (sampled ? "-01" : "-00");
    }

    // The longest valid value, 32+16+16+2 digits and three separators, fits even URL-encoded
    // (%3A); anything longer is rejected before decoding or splitting it.
    private const int MaxLength = 128;

    /// <summary>1 to <paramref name="width"/> hex digits, lowercased and zero-padded on the left; null otherwise.</summary>
    private static string? Padded(string field, int width)
    {
        if (field.Length == 0 || field.Length > width) return null;
        foreach (var c in field)
        {
            if (!Hex.IsAnyCase(c)) return null;
        }

        return field.ToLowerInvariant().PadLeft(width, '0');
    }

    private static bool TryParseFlags(string field, out int flags)
    {
        flags = 0;
        if (field.Length is 0 or > 2) return false;
        foreach (var c in field)
        {
            if (!Hex.IsAnyCase(c)) return false;
            flags = (flags << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }

        return true;
    }
}
