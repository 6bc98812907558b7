using System;
using System.Diagnostics;

namespace Instrumentation.Reporting;

/// <summary>Receives every finished sampled span on the thread that ended it; must never block or throw.</summary>
internal interface IReporter : IDisposable
{
    void Report(Activity span);

    /// <summary>Sends everything reported so far; false when <paramref name="timeout"/> ran out first.</summary>
    bool Flush(TimeSpan timeout);
}
