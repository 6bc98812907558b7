using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>
/// The main job end to end: the greeter client runs the server as a child process on 127.0.0.1 and
/// forwards both processes' datagrams to this test's agent, where ApacheThrift decodes them. The
/// assertions read only the wire (ids and parent ids, kinds, tags), so they hold for any propagator
/// that carries the context (W3C traceparent or uber-trace-id).
/// </summary>
public sealed class GreeterEndToEndTests
{
    private static readonly string[] Names = ["Ada", "Grace", "Linus"];

    [Fact]
    public async Task One_trace_runs_from_the_client_methods_through_http_into_the_server_block()
    {
        using var agent = new UdpAgent();
        var (exitCode, output, forwarded) = await GreeterRun.RunAsync(agent.Port, TimeSpan.FromSeconds(120));
        Assert.True(exitCode == 0, output);
        Assert.True(forwarded > 0, output);
        Assert.True(Poll.Until(() => agent.Datagrams.Count >= forwarded), $"{agent.Datagrams.Count} of {forwarded} datagrams arrived");

        var batches = agent.Datagrams.Select(UdpAgent.Decode).ToList();
        var spans = batches.SelectMany(b => b.Spans.Select(s => (Service: b.Process.ServiceName, Span: s))).ToList();

        // Per name: client method, HTTP client, ASP.NET Core server, server method, block; plus the
        // client's root and its block.
        Assert.Equal(2 + Names.Length * 5, spans.Count);
        Assert.Equal(spans.Count, spans.Select(s => s.Span.SpanId).Distinct().Count());
        Assert.Single(spans.Select(s => (s.Span.TraceIdHigh, s.Span.TraceIdLow)).Distinct());
        Assert.Equal(2 + Names.Length * 2, spans.Count(s => s.Service == "greeter-client"));
        Assert.Equal(Names.Length * 3, spans.Count(s => s.Service == "greeter-server"));

        var root = Assert.Single(spans, s => s.Span.ParentSpanId == 0);
        Assert.Equal(("greeter-client", "GreeterClient.GreetEveryoneAsync"), (root.Service, root.Span.OperationName));

        var rootChildren = ChildrenOf(spans, root.Span);
        var sort = Assert.Single(rootChildren, c => c.Span.OperationName == "sort-greetings");
        Assert.Equal("greeter-client", sort.Service);
        var calls = rootChildren.Where(c => c != sort).ToList();
        Assert.Equal(Names.Length, calls.Count);
        foreach (var (call, name) in calls.OrderBy(c => c.Span.StartTime).Zip(Names))
        {
            Assert.Equal(("greeter-client", "GreeterClient.GreetAsync"), (call.Service, call.Span.OperationName));
            Assert.Equal(name, call.Span.Tag("greeter.name"));
            // The client's log lines, as the span's own logs (AddSpanLogs), inside its interval.
            Assert.Equal(["Asking the server to greet " + name, "Got Hello " + name], call.Span.Logs.Select(l => (string)l["message"]!));
            Assert.All(call.Span.Logs, l => Assert.InRange(l.Timestamp, call.Span.StartTime, call.Span.StartTime + call.Span.Duration));

            var http = Assert.Single(ChildrenOf(spans, call.Span));
            Assert.Equal("greeter-client", http.Service);
            Assert.Equal("client", http.Span.Tag("span.kind"));
            Assert.Equal("GET", http.Span.Tag("http.request.method"));
            Assert.Equal(200L, http.Span.Tag("http.response.status_code"));
            Assert.EndsWith("/greet/" + name, (string)http.Span.Tag("url.full")!, StringComparison.Ordinal);

            var request = Assert.Single(ChildrenOf(spans, http.Span));
            Assert.Equal("greeter-server", request.Service);
            Assert.Equal("server", request.Span.Tag("span.kind"));
            Assert.Equal("GET", request.Span.Tag("http.request.method"));
            Assert.Equal(200L, request.Span.Tag("http.response.status_code"));
            Assert.Equal("/greet/{name}", request.Span.Tag("http.route"));

            var method = Assert.Single(ChildrenOf(spans, request.Span));
            Assert.Equal(("greeter-server", "Greeter.HelloAsync", name), (method.Service, method.Span.OperationName, method.Span.Tag("greeter.name")));
            var lookup = Assert.Single(method.Span.Logs);
            Assert.Equal("Looking up a greeting for {Name}", lookup["event"]);
            Assert.Equal(name, lookup["Name"]);
            Assert.Empty(request.Span.Logs); // the server's LogSpans lines are not span logs

            var block = Assert.Single(ChildrenOf(spans, method.Span));
            Assert.Equal(("greeter-server", "compose-greeting"), (block.Service, block.Span.OperationName));
            Assert.Equal("Composed {Length} characters", Assert.Single(block.Span.Logs)["event"]);
            Assert.Empty(ChildrenOf(spans, block.Span));
        }

        Assert.Contains($"http://localhost:16686/trace/{WireIds.TraceHex(root.Span.TraceIdHigh, root.Span.TraceIdLow)}", output, StringComparison.Ordinal);
    }

    private static List<(string Service, JaegerSpan Span)> ChildrenOf(List<(string Service, JaegerSpan Span)> spans, JaegerSpan parent) =>
        spans.Where(s => s.Span.ParentSpanId == parent.SpanId).ToList();
}
