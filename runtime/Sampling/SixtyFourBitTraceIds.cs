using System;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Sampling;

/// <summary>Trace ids whose high 64 bits are zero, for Jaeger back ends that predate 128-bit ids.</summary>
internal static class SixtyFourBitTraceIds
{
    private static readonly ThreadLocal<Random> Random = new(() => new Random(Guid.NewGuid().GetHashCode()));

    public static ActivityTraceId Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Slice(0, 8).Clear();
        var low = bytes.Slice(8);
        for (var i = 0; i < low.Length; i++) low[i] = (byte)Random.Value!.Next(256);
        low[7] |= 1; // never all zero: Jaeger rejects a zero trace id

        return ActivityTraceId.CreateFromBytes(bytes);
    }
}
