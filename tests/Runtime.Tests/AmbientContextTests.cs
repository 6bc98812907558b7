using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// A tracer started while the app has a span current (inside a traced startup method, say) does not
/// carry that span into its own thread: once ended and reported, the span can be collected.
/// </summary>
public sealed class AmbientContextTests
{
    [Fact]
    public void A_span_current_when_the_tracer_starts_is_not_kept_alive_by_the_tracer()
    {
        using var agent = new UdpAgent();
        using var source = TracedSources.Create("Ambient.Test");
        // The app's span comes from tracing that runs before this tracer (another listener).
        using var before = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(before);
        var (tracer, startup) = StartInside(source, agent.Configure("ambient", "Ambient.Other"));
        using (tracer)
        {
            Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(startup.IsAlive, "the ended startup span is still referenced");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Tracer Tracer, WeakReference Startup) StartInside(ActivitySource source, TracerConfiguration config)
    {
        var startup = source.StartActivity("startup")!;
        var tracer = config.Start();
        startup.Dispose();
        return (tracer, new WeakReference(startup));
    }
}
