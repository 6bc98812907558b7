using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>The W3C <c>traceparent</c> header, <c>{version}-{trace}-{span}-{flags}</c>, validated as the spec demands.</summary>
internal static class TraceParent
{
    public const string Header = "traceparent";

    private const int Length = 55;

    public static string Format(ActivityTraceId traceId, ActivitySpanId spanId, bool sampled) =>
        "00-" + traceId.ToHexString() + "-" + spanId.ToHexString() + (sampled ? "-01" : "-00");

    /// <summary>
    /// The value normalized to version 00 with only the sampled flag kept; null when malformed:
    /// version <c>ff</c>, wrong lengths or separators, uppercase or non-hex digits, all-zero ids.
    /// A later version may carry more fields after a dash, which are ignored.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null) return null;
        value = value.Trim();
        if (value.Length < Length) return null;

        if (!Hex.IsLower(value[0]) || !Hex.IsLower(value[1]) || (value[0] == 'f' && value[1] == 'f')) return null;
        var version00 = value[0] == '0' && value[1] == '0';
        if (version00 ? value.Length != Length : value.Length > Length && value[Length] != '-') return null;

        if (value[2] != '-' || value[35] != '-' || value[52] != '-') return null;
        if (!Hex.IsLowerNonZero(value, 3, 32) || !Hex.IsLowerNonZero(value, 36, 16)) return null;
        if (!Hex.IsLower(value[53]) || !Hex.IsLower(value[54])) return null;

        var sampled = (HexValue(value[54]) & 1) != 0;
        return "00-" + value.Substring(3, 50) + (sampled ? "01" : "00");
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
}
