using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// A traced <c>Task</c> method in code without nullable annotations may return null. Traced, the call
/// returns that null as it would untraced, sampled or not, and its span ends: never an exception of ours.
/// </summary>
public sealed class NullTaskTests
{
    [Fact]
    public void A_null_task_is_returned_as_it_is_and_its_span_ends()
    {
        using var source = new ActivitySource("NullTask.Test");
        var ended = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => ended.Add(a.DisplayName),
        };
        ActivitySource.AddActivityListener(listener);

        // What a generated interceptor does with the method's result (TracedCall.EndOnCompletion).
        Assert.Null(TracedCall.EndOnCompletion(source.StartActivity("plain")!, (Task)null!));
        Assert.Null(TracedCall.EndOnCompletion(source.StartActivity("generic")!, (Task<int>)null!));
        Assert.Null(TracedCall.EndOnCompletion(source.StartActivity("tagged")!, (Task<int>)null!, "return"));

        Assert.Equal(["plain", "generic", "tagged"], ended);
        Assert.Null(Activity.Current);
    }
}
