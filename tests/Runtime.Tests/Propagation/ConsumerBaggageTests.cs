using System.Collections.Generic;
using System.Diagnostics;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>A message may carry baggage without a trace context (W3C Baggage allows it); the consumer span keeps it.</summary>
public sealed class ConsumerBaggageTests
{
    [Fact]
    public void Consumer_span_gets_the_baggage_of_a_carrier_without_trace_context()
    {
        using var source = new ActivitySource("ConsumerBaggage.Test");
        using var listener = new ActivityListener { ShouldListenTo = s => s == source, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        var consume = new TracedMethod(source, "queue receive", ActivityKind.Consumer);
        var headers = new Dictionary<string, string> { ["baggage"] = "tenant=acme" };

        using var span = consume.StartConsumer(headers);

        Assert.NotNull(span);
        Assert.Equal(default, span.ParentSpanId);
        Assert.Equal("acme", span.GetBaggageItem("tenant"));
    }
}
