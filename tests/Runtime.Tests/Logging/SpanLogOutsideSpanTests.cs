using System;
using System.Diagnostics;
using Instrumentation.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests.Logging;

/// <summary>Outside any span, or inside an unsampled one, the provider adds nothing and throws nothing.</summary>
public sealed class SpanLogOutsideSpanTests
{
    [Fact]
    public void Logging_outside_any_span_adds_nothing()
    {
        var provider = new SpanLogProvider();
        using var logging = LoggerFactory.Create(b => b.AddProvider(provider));
        Assert.Null(Activity.Current);

        logging.CreateLogger("Orders").LogInformation("No span {Value}", 1);

        Assert.Equal(0, provider.DroppedEvents);
    }

    [Fact]
    public void Logging_inside_an_unsampled_span_adds_no_event()
    {
        using var source = TracedSources.Create("SpanLogs.Unsampled");
        var config = new TracerConfiguration("orders") { Sources = { source.Name } };
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = 9; // discard port: nothing is sent anyway, the span is not sampled
        var provider = new SpanLogProvider();
        using var tracer = config.Start();
        using var logging = LoggerFactory.Create(b => b.AddProvider(provider));
        var unsampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        using (var span = source.StartActivity("unsampled", ActivityKind.Internal, unsampledParent))
        {
            Assert.NotNull(span);
            Assert.False(span.Recorded);
            logging.CreateLogger("Orders").LogWarning("Inside {Value}", 1);
            Assert.Empty(span.Events);
        }

        Assert.Equal(0, provider.DroppedEvents);
    }

    [Fact]
    public void A_state_whose_formatting_throws_does_not_reach_the_caller()
    {
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == "SpanLogs.Throwing", Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("SpanLogs.Throwing");
        var provider = new SpanLogProvider();
        var logger = provider.CreateLogger("Orders");

        using var span = source.StartActivity("throwing");
        logger.Log<object?>(LogLevel.Information, default, null, null, (_, _) => throw new FormatException("bad state"));

        Assert.NotNull(span);
        Assert.Empty(span.Events);
    }

    [Fact]
    public void A_cap_below_one_fails_fast_naming_the_setting()
    {
        var e = Assert.Throws<InvalidTracerSettingException>(() => new SpanLogProvider(new SpanLogOptions { MaxEventsPerSpan = 0 }));
        Assert.Contains("SpanLogOptions.MaxEventsPerSpan", e.Message);
    }
}
