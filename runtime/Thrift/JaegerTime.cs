using System;

namespace Instrumentation.Thrift;

/// <summary>Jaeger's timestamps: microseconds since the Unix epoch.</summary>
internal static class JaegerTime
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static long ToEpochMicroseconds(DateTime utc) => (utc.Ticks - UnixEpochTicks) / 10;
}
