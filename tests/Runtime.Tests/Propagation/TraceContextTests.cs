using System;
using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>Message headers through <see cref="TraceContext"/> and the producer/consumer spans of generated code.</summary>
public sealed class TraceContextTests : IDisposable
{
    private readonly DistributedContextPropagator previous = DistributedContextPropagator.Current;
    private readonly ActivitySource source = new("trace-context." + Guid.NewGuid().ToString("N"));
    private readonly ActivityListener listener;

    public TraceContextTests()
    {
        DistributedContextPropagator.Current = JaegerPropagation.Create(PropagationFormats.Jaeger | PropagationFormats.W3C);
        listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose()
    {
        listener.Dispose();
        source.Dispose();
        DistributedContextPropagator.Current = previous;
    }

    [Fact]
    public void A_consumer_span_continues_the_trace_of_the_producer_span_with_its_baggage()
    {
        var headers = new Dictionary<string, string>();
        ActivityTraceId traceId;
        ActivitySpanId producerId;
        using (var producer = new TracedMethod(source, "send", ActivityKind.Producer).StartProducer(headers))
        {
            Assert.NotNull(producer);
            producer.AddBaggage("tenant", "acme");
            traceId = producer.TraceId;
            producerId = producer.SpanId;
        }

        Assert.Equal($"{traceId.ToHexString()}:{producerId.ToHexString()}:0:1", headers["uber-trace-id"]);
        Assert.Equal($"00-{traceId.ToHexString()}-{producerId.ToHexString()}-01", headers["traceparent"]);

        // Baggage added after injection is not sent; add it to the carrier as a message would carry it.
        headers["uberctx-tenant"] = "acme";
        using var consumer = new TracedMethod(source, "receive", ActivityKind.Consumer).StartConsumer(headers);
        Assert.NotNull(consumer);
        Assert.Equal(traceId, consumer.TraceId);
        Assert.Equal(producerId, consumer.ParentSpanId);
        Assert.Equal("acme", consumer.GetBaggageItem("tenant"));
    }

    [Fact]
    public void Callback_carriers_extract_the_parent_and_W3C_baggage()
    {
        var message = new List<(string Key, string Value)>
        {
            ("uber-trace-id", "a3ce929d0e0e4736:53ce929d0e0e4736:0:1"),
            ("baggage", "tenant=acme"),
        };
        string? Get(List<(string Key, string Value)> m, string name) => m.Find(h => h.Key == name).Value;

        var context = TraceContext.Extract(message, Get);
        var baggage = TraceContext.ExtractBaggage(message, Get);

        Assert.Equal("0000000000000000a3ce929d0e0e4736", context.TraceId.ToHexString());
        Assert.Equal("53ce929d0e0e4736", context.SpanId.ToHexString());
        Assert.Equal(new KeyValuePair<string, string?>("tenant", "acme"), Assert.Single(baggage));
    }

    [Fact]
    public void A_carrier_that_refuses_headers_does_not_fail_the_producer()
    {
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded);
        var readOnly = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

        TraceContext.Inject(span, readOnly);

        Assert.Empty(readOnly);
    }
}
