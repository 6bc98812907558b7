using System;
using System.Buffers.Binary;
using System.Diagnostics;

namespace Instrumentation.Thrift;

/// <summary>Splits W3C ids into Jaeger's signed 64-bit halves (big-endian, as the hex reads).</summary>
internal static class JaegerIds
{
    public static void Split(ActivityTraceId traceId, out long high, out long low)
    {
        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        high = BinaryPrimitives.ReadInt64BigEndian(bytes);
        low = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(8));
    }

    public static long ToLong(ActivitySpanId spanId)
    {
        if (spanId == default) return 0;
        Span<byte> bytes = stackalloc byte[8];
        spanId.CopyTo(bytes);
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long ToEpochMicroseconds(DateTime utc) => (utc.Ticks - UnixEpochTicks) / 10;

    private const long UnixEpochTicks = 621_355_968_000_000_000;
}
