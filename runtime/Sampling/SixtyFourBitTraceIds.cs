using System;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Sampling;

/// <summary>Trace ids whose high 64 bits are zero, for Jaeger back ends that predate 128-bit ids.</summary>
internal static class SixtyFourBitTraceIds
{
    private static readonly ThreadLocal<Random> Random = new(() => new Random(Guid.NewGuid().GetHashCode()));
    private static readonly Func<ActivityTraceId> Generator = Next;
    private static readonly object Gate = new();
    private static int installed;
    private static Func<ActivityTraceId>? original;

    /// <summary>
    /// Makes new root spans get 64-bit trace ids (<see cref="Activity.TraceIdGenerator"/> is process-wide).
    /// Counted: with several tracers (two hosts in one process), the generator goes back to what it
    /// was only when the last of them uninstalls, and only if nobody replaced it meanwhile.
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed++ == 0) original = Activity.TraceIdGenerator;
            Activity.TraceIdGenerator = Generator;
        }
    }

    public static void Uninstall()
    {
        lock (Gate)
        {
            if (installed == 0 || --installed > 0) return;
            if (Activity.TraceIdGenerator == Generator) Activity.TraceIdGenerator = original;
            original = null;
        }
    }

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
