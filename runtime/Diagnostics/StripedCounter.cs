using System;
using System.Threading;

namespace Instrumentation.Diagnostics;

/// <summary>
/// A counter that app threads increment without contending: each thread hits its own cache line
/// (by managed thread id), and reading sums the lines.
/// </summary>
internal sealed class StripedCounter
{
    private const int LongsPerCacheLine = 16; // 128 bytes: also clear of adjacent-line prefetching
    private readonly long[] cells;
    private readonly int mask;

    public StripedCounter()
    {
        var stripes = 1;
        while (stripes < Environment.ProcessorCount * 2) stripes <<= 1;
        mask = stripes - 1;
        cells = new long[(stripes + 1) * LongsPerCacheLine];
    }

    public void Increment() =>
        Interlocked.Increment(ref cells[((Environment.CurrentManagedThreadId & mask) + 1) * LongsPerCacheLine]);

    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = 1; i <= mask + 1; i++) sum += Volatile.Read(ref cells[i * LongsPerCacheLine]);
            return sum;
        }
    }
}
