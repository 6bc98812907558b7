using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>
/// The main job end to end: the greeter client runs the server as a child process on 127.0.0.1, calls
/// it over gRPC, and forwards both processes' datagrams to this test's agent, where ApacheThrift decodes them. The
/// assertions read only the wire (ids and parent ids, kinds, tags), so they hold for any propagator
/// that carries the context (W3C traceparent or uber-trace-id).
/// </summary>
public sealed class GreeterEndToEndTests
{
    private static readonly string[] Names = ["Ada", "Grace", "Linus"];

    [Fact]
    public async Task One_trace_runs_from_the_client_methods_through_gRPC_into_the_server_and_its_subscriber()
    {
        using var agent = new UdpAgent();
        var (exitCode, output, forwarded) = await GreeterRun.RunAsync(agent.Port, TimeSpan.FromSeconds(120));
        Assert.True(exitCode == 0, output);
        Assert.True(forwarded > 0, output);
        Assert.True(Poll.Until(() => agent.Datagrams.Count >= forwarded), $"{agent.Datagrams.Count} of {forwarded} datagrams arrived");
        Assert.Contains("Hello Ada, Grace and Linus", output, StringComparison.Ordinal); // client streaming
        Assert.Contains("Bonjour Ada", output, StringComparison.Ordinal);                // server streaming

        var batches = agent.Datagrams.Select(UdpAgent.Decode).ToList();
        var spans = batches.SelectMany(b => b.Spans.Select(s => (Service: b.Process.ServiceName, Span: s))).ToList();

        // Per name: client method, gRPC client, HTTP/2 request, gRPC server, server method, block,
        // publish, process. Each streaming call: client method, gRPC client, HTTP/2 request, gRPC
        // server (and for HelloAll its server method). Plus the client's root and its block.
        Assert.Equal(2 + Names.Length * 8 + 4 + 5, spans.Count);
        Assert.Equal(spans.Count, spans.Select(s => s.Span.SpanId).Distinct().Count());
        Assert.Single(spans.Select(s => (s.Span.TraceIdHigh, s.Span.TraceIdLow)).Distinct());

        var root = Assert.Single(spans, s => s.Span.ParentSpanId == 0);
        Assert.Equal(("greeter-client", "GreeterClient.GreetEveryoneAsync"), (root.Service, root.Span.OperationName));

        var rootChildren = ChildrenOf(spans, root.Span).OrderBy(c => c.Span.StartTime).ToList();
        Assert.Equal(
            [.. Names.Select(_ => "GreeterClient.GreetAsync"), "GreeterClient.GreetTogetherAsync", "GreeterClient.GreetInLanguagesAsync", "sort-greetings"],
            rootChildren.Select(c => c.Span.OperationName));
        Assert.All(rootChildren, c => Assert.Equal("greeter-client", c.Service));

        foreach (var (call, name) in rootChildren.Zip(Names))
        {
            Assert.Equal(name, call.Span.Tag("greeter.name"));
            // The client's log lines, as the span's own logs (AddSpanLogs), inside its interval.
            Assert.Equal(["Asking the server to greet " + name, "Got Hello " + name], call.Span.Logs.Select(l => (string)l["message"]!));
            Assert.All(call.Span.Logs, l => Assert.InRange(l.Timestamp, call.Span.StartTime, call.Span.StartTime + call.Span.Duration));

            var method = Assert.Single(ChildrenOf(spans, GrpcCall(spans, call.Span, "Hello").Span));
            Assert.Equal(("greeter-server", "Greeter.HelloAsync", name), (method.Service, method.Span.OperationName, method.Span.Tag("greeter.name")));
            var lookup = Assert.Single(method.Span.Logs);
            Assert.Equal("Looking up a greeting for {Name}", lookup["event"]);
            Assert.Equal(name, lookup["Name"]);

            var steps = ChildrenOf(spans, method.Span).OrderBy(c => c.Span.StartTime).ToList();
            Assert.Equal(["compose-greeting", "greeted publish"], steps.Select(c => c.Span.OperationName));
            Assert.Equal("Composed {Length} characters", Assert.Single(steps[0].Span.Logs)["event"]);
            Assert.Empty(ChildrenOf(spans, steps[0].Span));

            // go-micro's subscriber: the message's handler continues the publisher's trace.
            var publish = steps[1];
            Assert.Equal(("producer", name), (publish.Span.Tag("span.kind"), publish.Span.Tag("greeter.name")));
            var process = Assert.Single(ChildrenOf(spans, publish.Span));
            Assert.Equal(("greeter-server", "greeted process", "consumer", name),
                (process.Service, process.Span.OperationName, process.Span.Tag("span.kind"), process.Span.Tag("greeter.name")));
            Assert.Equal("Recorded that {Name} was greeted", Assert.Single(process.Span.Logs)["event"]);
        }

        var together = GrpcCall(spans, rootChildren[Names.Length].Span, "HelloAll");
        var all = Assert.Single(ChildrenOf(spans, together.Span));
        Assert.Equal(("greeter-server", "Greeter.HelloAll"), (all.Service, all.Span.OperationName));
        Assert.Empty(ChildrenOf(spans, GrpcCall(spans, rootChildren[Names.Length + 1].Span, "HelloInLanguages").Span));

        Assert.Contains($"http://localhost:16686/trace/{WireIds.TraceHex(root.Span.TraceIdHigh, root.Span.TraceIdLow)}", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Asserts the spans of one gRPC call under a client method: the gRPC client span, its HTTP/2
    /// request, and the server's span, each the only child of the one before; returns the server's.
    /// </summary>
    private static (string Service, JaegerSpan Span) GrpcCall(List<(string Service, JaegerSpan Span)> spans, JaegerSpan caller, string method)
    {
        var client = Assert.Single(ChildrenOf(spans, caller));
        Assert.Equal(("greeter-client", "greeter.Say/" + method, "client"), (client.Service, client.Span.OperationName, client.Span.Tag("span.kind")));
        Assert.Equal(("grpc", "greeter.Say", method, 0L), (client.Span.Tag("rpc.system"), client.Span.Tag("rpc.service"), client.Span.Tag("rpc.method"), client.Span.Tag("rpc.grpc.status_code")));
        Assert.Equal("127.0.0.1", client.Span.Tag("server.address"));

        var http = Assert.Single(ChildrenOf(spans, client.Span));
        Assert.Equal(("greeter-client", "client", "POST", 200L), (http.Service, http.Span.Tag("span.kind"), http.Span.Tag("http.request.method"), http.Span.Tag("http.response.status_code")));
        Assert.EndsWith("/greeter.Say/" + method, (string)http.Span.Tag("url.full")!, StringComparison.Ordinal);

        var server = Assert.Single(ChildrenOf(spans, http.Span));
        Assert.Equal(("greeter-server", "greeter.Say/" + method, "server"), (server.Service, server.Span.OperationName, server.Span.Tag("span.kind")));
        Assert.Equal(("grpc", method, 0L), (server.Span.Tag("rpc.system"), server.Span.Tag("rpc.method"), server.Span.Tag("rpc.grpc.status_code")));
        Assert.Empty(server.Span.Logs); // the server's LogSpans lines are not span logs
        return server;
    }

    private static List<(string Service, JaegerSpan Span)> ChildrenOf(List<(string Service, JaegerSpan Span)> spans, JaegerSpan parent) =>
        spans.Where(s => s.Span.ParentSpanId == parent.SpanId).ToList();
}
