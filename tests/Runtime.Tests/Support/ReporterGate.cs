using System;
using System.Threading;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>
/// A tag value whose ToString() blocks the thread that serializes it (the reporter thread) until
/// released (30 s at most): tests use it to hold the reporter up while the app keeps finishing spans.
/// </summary>
public sealed class ReporterGate : IDisposable
{
    public ManualResetEventSlim Entered { get; } = new(false);

    public ManualResetEventSlim Release { get; } = new(false);

    public override string ToString()
    {
        Entered.Set();
        Release.Wait(TimeSpan.FromSeconds(30));
        return "gate";
    }

    public void Dispose()
    {
        Release.Set();
        Entered.Dispose();
        Release.Dispose();
    }
}
