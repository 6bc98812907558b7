using System;
using System.Linq;
using Instrumentation.Logging;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests.Logging;

/// <summary>ILogger records written inside [Traced] methods, as Jaeger span logs on a real UDP socket, decoded by ApacheThrift.</summary>
public sealed class SpanLogWireTests
{
    private const string Source = "Instrumentation.Runtime.Tests";
    private const int TagString = 0, TagDouble = 1, TagBool = 2, TagLong = 3;

    [Fact]
    public void Records_arrive_as_logs_of_their_span_with_typed_fields_inside_its_interval()
    {
        using var agent = new UdpAgent();
        var provider = new SpanLogProvider();
        using (var tracer = agent.Configure("orders", Source).Start())
        using (var logging = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            new OrderService(logging.CreateLogger("Orders")).Place(42, 9.5, paid: true, "ann");
        }

        var span = agent.WaitForSpans(1).SelectMany(b => b.Spans).Single(s => s.OperationName == "OrderService.Place");
        Assert.Equal(2, span.Logs.Count);
        foreach (var log in span.Logs) Assert.InRange(log.Timestamp, span.StartTime, span.StartTime + span.Duration);

        var info = span.Logs[0];
        Assert.Equal("Order {OrderId} costs {Price} paid {Paid} by {Customer}", info["event"]);
        Assert.Equal("Information", info["level"]);
        Assert.Equal("Order 42 costs 9.5 paid True by ann", info["message"]);
        AssertField(info, "OrderId", TagLong, 42L);
        AssertField(info, "Price", TagDouble, 9.5);
        AssertField(info, "Paid", TagBool, true);
        AssertField(info, "Customer", TagString, "ann");

        var error = span.Logs[1];
        Assert.Equal("Payment for {OrderId} failed", error["event"]);
        Assert.Equal("Error", error["level"]);
        Assert.Equal("System.InvalidOperationException", error["exception.type"]);
        Assert.Equal("card declined", error["exception.message"]);
        Assert.Contains(nameof(OrderService.Place), (string)error["exception.stacktrace"]!);
        Assert.Equal(0, provider.DroppedEvents);
    }

    [Fact]
    public void A_span_keeps_only_the_cap_and_the_provider_counts_the_rest()
    {
        using var agent = new UdpAgent();
        var provider = new SpanLogProvider();
        using (var tracer = agent.Configure("orders", Source).Start())
        using (var logging = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            new OrderService(logging.CreateLogger("Orders")).Chatty(10_000);
        }

        var span = agent.WaitForSpans(1).SelectMany(b => b.Spans).Single(s => s.OperationName == "OrderService.Chatty");
        Assert.Equal(SpanLogOptions.DefaultMaxEventsPerSpan, span.Logs.Count);
        Assert.Equal("Record 0", span.Logs[0]["message"]);
        Assert.Equal(10_000 - SpanLogOptions.DefaultMaxEventsPerSpan, provider.DroppedEvents);
    }

    [Fact]
    public void Level_filters_of_the_logging_builder_apply()
    {
        using var agent = new UdpAgent();
        using (var tracer = agent.Configure("orders", Source).Start())
        using (var logging = LoggerFactory.Create(b => b.AddSpanLogs().SetMinimumLevel(LogLevel.Information)))
        {
            new OrderService(logging.CreateLogger("Orders")).Quiet();
        }

        var span = agent.WaitForSpans(1).SelectMany(b => b.Spans).Single(s => s.OperationName == "OrderService.Quiet");
        Assert.Empty(span.Logs);
    }

    private static void AssertField(JaegerLog log, string key, int type, object value)
    {
        var field = Assert.Single(log.Fields, f => f.Key == key);
        Assert.Equal(type, field.Type);
        Assert.Equal(value, field.Value);
    }
}
