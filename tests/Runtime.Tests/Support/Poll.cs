using System;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>Bounded waiting for something the sender already handed to the network.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> until it holds or <paramref name="timeoutMs"/> passes; returns its last value.</summary>
    public static bool Until(Func<bool> condition, int timeoutMs = 10_000)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.ElapsedMilliseconds > timeoutMs) return condition();
            Thread.Sleep(5);
        }

        return true;
    }
}
