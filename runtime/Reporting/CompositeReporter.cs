using System;
using System.Diagnostics;
using System.Linq;

namespace Instrumentation.Reporting;

/// <summary>Hands each span to several reporters (remote and logging, as Go's <c>NewCompositeReporter</c>).</summary>
internal sealed class CompositeReporter(params IReporter[] reporters) : IReporter
{
    public void Report(Activity span)
    {
        foreach (var reporter in reporters) reporter.Report(span);
    }

    public bool Flush(TimeSpan timeout) => reporters.Select(r => r.Flush(timeout)).ToList().All(flushed => flushed);

    public void Dispose()
    {
        foreach (var reporter in reporters) reporter.Dispose();
    }
}
