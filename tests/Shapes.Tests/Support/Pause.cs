using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Shapes.Tests.Support;

/// <summary>Awaited work of a known minimum length.</summary>
public static class Pause
{
    /// <summary>
    /// Awaits Task.Delay until at least <paramref name="milliseconds"/> have passed on a precise
    /// clock: a timer alone may fire a few milliseconds early (it runs on a coarse tick count).
    /// </summary>
    public static async Task AtLeast(int milliseconds, CancellationToken token = default)
    {
        var watch = Stopwatch.StartNew();
        var wanted = TimeSpan.FromMilliseconds(milliseconds);
        do
        {
            // Never negative (Task.Delay would throw): the thread may lose its core past the deadline before it gets here.
            var left = wanted - watch.Elapsed;
            await Task.Delay((left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromMilliseconds(1), token);
        }
        while (watch.Elapsed < wanted);
    }
}
