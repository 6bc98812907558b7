using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public static class Mailbox
{
    [Traced("mailbox receive", Kind = ActivityKind.Consumer)]
    public static string Receive([TraceContext] IReadOnlyDictionary<string, string> headers, string body) => body;

    [Traced("mailbox handle", Kind = ActivityKind.Server)]
    public static async Task<string> HandleAsync([TraceContext] IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        await Task.Yield();
        return body;
    }

    /// <summary>Returns the traceparent the carrier held when the method started running.</summary>
    [Traced("mailbox send", Kind = ActivityKind.Producer)]
    public static string? Send(string body, [TraceContext] Dictionary<string, string> headers) =>
        headers.TryGetValue("traceparent", out var value) ? value : null;

    [Traced("mailbox call", Kind = ActivityKind.Client)]
    public static async Task<string?> CallAsync([TraceContext] IDictionary<string, string> headers)
    {
        var seen = headers.TryGetValue("traceparent", out var value) ? value : null;
        await Task.Yield();
        return seen;
    }
}

public sealed class CarrierShapeTests
{
    private static readonly ActivitySource Upstream = TracedSources.Create("Instrumentation.Shapes.Tests.Upstream");

    [Fact]
    public void Consumer_span_is_a_child_of_the_context_in_the_carrier()
    {
        using var capture = SpanCapture.Start();
        var remoteParent = ActivitySpanId.CreateRandom();
        var headers = new Dictionary<string, string> { ["traceparent"] = $"00-{capture.Root.TraceId}-{remoteParent}-01" };

        Assert.Equal("hi", Mailbox.Receive(headers, "hi"));

        var span = capture.Single("mailbox receive");
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(capture.Root.TraceId, span.TraceId);
        Assert.Equal(remoteParent, span.ParentSpanId); // the carrier's span, not the current activity (the root)
        Assert.Equal(ActivityIdFormat.W3C, span.IdFormat);
    }

    [Fact]
    public async Task Async_server_span_is_a_child_of_a_context_injected_by_another_span()
    {
        using var capture = SpanCapture.Start();
        var headers = new Dictionary<string, string>();
        ActivitySpanId sender;
        using (var upstream = Upstream.StartActivity("upstream", ActivityKind.Producer))
        {
            Assert.NotNull(upstream);
            sender = upstream.SpanId;
            TraceContext.Inject(upstream, headers);
        }

        Assert.Equal("hi", await Mailbox.HandleAsync(headers, "hi"));

        var span = capture.Ended("mailbox handle");
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(sender, span.ParentSpanId);
    }

    [Fact]
    public void Producer_writes_its_own_context_into_the_carrier_before_the_target_runs()
    {
        using var capture = SpanCapture.Start();
        var headers = new Dictionary<string, string>();

        var seenByTarget = Mailbox.Send("hi", headers);

        var span = capture.Single("mailbox send");
        Expect.ChildOf(capture.Root, span, ActivityKind.Producer);
        Assert.Equal($"00-{span.TraceId}-{span.SpanId}-01", headers["traceparent"]);
        Assert.Equal(headers["traceparent"], seenByTarget);
    }

    [Fact]
    public async Task Async_client_writes_its_own_context_into_the_carrier()
    {
        using var capture = SpanCapture.Start();
        var headers = new Dictionary<string, string>();

        var seenByTarget = await Mailbox.CallAsync(headers);

        var span = capture.Ended("mailbox call");
        Expect.ChildOf(capture.Root, span, ActivityKind.Client);
        Assert.Equal($"00-{span.TraceId}-{span.SpanId}-01", headers["traceparent"]);
        Assert.Equal(headers["traceparent"], seenByTarget);
    }

    [Fact]
    public void Producer_and_consumer_join_one_trace_through_the_carrier()
    {
        using var capture = SpanCapture.Start();
        var headers = new Dictionary<string, string>();

        Mailbox.Send("hi", headers);
        Mailbox.Receive(headers, "hi");

        Assert.Equal(capture.Single("mailbox send").SpanId, capture.Single("mailbox receive").ParentSpanId);
    }
}
