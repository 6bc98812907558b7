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
            await Task.Delay(wanted - watch.Elapsed + TimeSpan.FromMilliseconds(1), token);
        }
        while (watch.Elapsed < wanted);
    }
}
