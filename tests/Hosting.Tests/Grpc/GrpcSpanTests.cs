using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Hosting.Tests.Grpc;

/// <summary>
/// gRPC over real Kestrel (HTTP/2 on 127.0.0.1) and Grpc.Net.Client, one tracer listening to both
/// sides: client and server spans arrive at the agent named <c>{package.Service}/{Method}</c> with the
/// RPC conventions' tags, errors marked by each side's rule, and one trace from the client's
/// <c>[Traced]</c> code through gRPC's HTTP/2 request to the server, with baggage.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class GrpcSpanTests
{
    private const string Service = "tests.probe.Probe";

    [Fact]
    public async Task A_unary_call_is_one_trace_of_client_and_server_spans_with_the_RPC_tags()
    {
        var (spans, reply, port) = await Run(client => client.CallAsync(new ProbeRequest { Name = "Ada" }).ResponseAsync);

        Assert.Equal("Ada", reply.Message);
        var call = Call(spans, "Call");
        Assert.Equal(Service + "/Call", call.Client.OperationName);
        Assert.Equal(Service + "/Call", call.Server.OperationName);
        foreach (var span in new[] { call.Client, call.Server })
        {
            Assert.Equal("grpc", span.Tag("rpc.system"));
            Assert.Equal(Service, span.Tag("rpc.service"));
            Assert.Equal("Call", span.Tag("rpc.method"));
            Assert.Equal(0L, span.Tag("rpc.grpc.status_code"));
            Assert.Equal("127.0.0.1", span.Tag("server.address"));
            Assert.Equal((long)port, span.Tag("server.port"));
            Assert.Null(span.Tag("error"));
            Assert.Null(span.Tag("grpc.method")); // gRPC's own tags are replaced, not sent twice
            Assert.Null(span.Tag("grpc.status_code"));
        }
    }

    [Theory]
    [InlineData(PropagationFormats.Jaeger, new[] { "uber-trace-id", "uberctx-tenant" })]
    [InlineData(PropagationFormats.W3C, new[] { "traceparent", "baggage" })]
    public async Task Trace_context_and_baggage_cross_gRPC_metadata_in_the_configured_format(PropagationFormats format, string[] metadata)
    {
        var (spans, reply, _) = await Run(client => client.CallAsync(new ProbeRequest { Name = "Ada" }).ResponseAsync, format);

        Assert.Equal(metadata.Order(), reply.Headers.Order());
        Assert.Equal("acme", reply.Baggage);          // the handler's span got the client's baggage
        Call(spans, "Call");                          // and continued the client's trace (asserted there)
    }

    [Fact]
    public async Task Streaming_calls_are_spans_of_their_methods()
    {
        var (spans, replies, _) = await Run(async client =>
        {
            using var server = client.StreamReplies(new ProbeRequest { Name = "Grace", Replies = 3 });
            var received = new List<string>();
            await foreach (var reply in server.ResponseStream.ReadAllAsync()) received.Add(reply.Message);

            using var upload = client.CollectRequests();
            foreach (var name in new[] { "a", "b", "c" }) await upload.RequestStream.WriteAsync(new ProbeRequest { Name = name });
            await upload.RequestStream.CompleteAsync();
            received.Add((await upload.ResponseAsync).Message);
            return received;
        }, calls: 2);

        Assert.Equal(["Grace 0", "Grace 1", "Grace 2", "a,b,c"], replies);
        foreach (var method in new[] { "StreamReplies", "CollectRequests" })
        {
            var call = Call(spans, method);
            Assert.Equal(0L, call.Client.Tag("rpc.grpc.status_code"));
            Assert.Equal(0L, call.Server.Tag("rpc.grpc.status_code"));
            Assert.Equal(method, call.Server.Tag("rpc.method"));
        }
    }

    [Fact]
    public async Task Calls_of_unimplemented_methods_fail_without_naming_server_spans_after_what_the_client_sent()
    {
        var (spans, statuses, _) = await Run(async (CallInvoker invoker) =>
        {
            var unknownMethod = Unary(Service, "Missing");
            var unknownService = Unary("made.Up", "Missing");
            return new[]
            {
                await Status(invoker.AsyncUnaryCall(unknownMethod, null, new CallOptions(), new ProbeRequest()).ResponseAsync),
                await Status(invoker.AsyncUnaryCall(unknownService, null, new CallOptions(), new ProbeRequest()).ResponseAsync),
            };
        }, calls: 2);

        Assert.Equal([StatusCode.Unimplemented, StatusCode.Unimplemented], statuses);
        AssertFailed(Assert.Single(spans, s => s.OperationName == Service + "/Missing"), 12, "UNIMPLEMENTED"); // the client's own span
        var servers = spans.Where(s => (string?)s.Tag("span.kind") == "server").ToList();
        Assert.Equal(2, servers.Count);
        Assert.All(servers, s =>
        {
            Assert.Equal("grpc", s.Tag("rpc.system"));
            AssertFailed(s, 12, "UNIMPLEMENTED");
            Assert.DoesNotContain("Missing", s.OperationName, StringComparison.Ordinal); // gRPC's catch-all route, not the path sent
            Assert.Null(s.Tag("rpc.method"));
        });
    }

    [Fact]
    public async Task An_exception_in_the_handler_fails_both_sides_as_UNKNOWN()
    {
        var (spans, status, _) = await Run(client => Status(client.CallAsync(new ProbeRequest { Throw = true }).ResponseAsync));

        Assert.Equal(StatusCode.Unknown, status);
        var call = Call(spans, "Call");
        AssertFailed(call.Client, 2, "UNKNOWN");
        AssertFailed(call.Server, 2, "UNKNOWN");
    }

    [Fact]
    public async Task A_deadline_exceeded_fails_the_client_and_the_server_by_what_it_saw()
    {
        var (spans, status, _) = await Run(async client =>
        {
            await WarmUp(client);
            return await Status(client.CallAsync(new ProbeRequest { DelayMs = 30_000 }, deadline: DateTime.UtcNow.AddSeconds(1)).ResponseAsync);
        }, calls: 2);

        Assert.Equal(StatusCode.DeadlineExceeded, status);
        var call = Call(spans, "Call");
        AssertFailed(call.Client, 4, "DEADLINE_EXCEEDED");
        // The client resets the call at its deadline, a moment before the server's copy of it runs
        // out: the server saw either its own deadline (its failure) or the client going away (not).
        if ((long?)call.Server.Tag("rpc.grpc.status_code") == 4) AssertFailed(call.Server, 4, "DEADLINE_EXCEEDED");
        else AssertCancelledByTheClient(call.Server);
    }

    [Fact]
    public async Task A_call_the_client_cancels_fails_the_client_not_the_server()
    {
        var (spans, status, _) = await Run(async client =>
        {
            await WarmUp(client);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            return await Status(client.CallAsync(new ProbeRequest { DelayMs = 30_000 }, cancellationToken: cancel.Token).ResponseAsync);
        }, calls: 2);

        Assert.Equal(StatusCode.Cancelled, status);
        var call = Call(spans, "Call");
        AssertFailed(call.Client, 1, "CANCELLED");
        AssertCancelledByTheClient(call.Server); // though its handler threw on the cancellation (gRPC says UNKNOWN)
    }

    [Fact]
    public async Task A_status_that_is_the_caller_s_fault_fails_the_client_only()
    {
        var (spans, status, _) = await Run(client => Status(client.CallAsync(new ProbeRequest { Status = (int)StatusCode.NotFound }).ResponseAsync));

        Assert.Equal(StatusCode.NotFound, status);
        var call = Call(spans, "Call");
        AssertFailed(call.Client, 5, "NOT_FOUND");
        Assert.Equal(5L, call.Server.Tag("rpc.grpc.status_code"));
        Assert.Null(call.Server.Tag("error"));
    }

    /// <summary>A call made first, so the call under test does not spend its deadline opening the connection.</summary>
    private static async Task WarmUp(Probe.ProbeClient client)
    {
        using var call = client.StreamReplies(new ProbeRequest { Name = "warm-up", Replies = 1 });
        await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
    }

    private static void AssertCancelledByTheClient(JaegerSpan server)
    {
        Assert.Equal(1L, server.Tag("rpc.grpc.status_code"));
        Assert.Null(server.Tag("error")); // the client went away: not the server's failure
    }

    private static void AssertFailed(JaegerSpan span, long code, string name)
    {
        Assert.Equal(code, span.Tag("rpc.grpc.status_code"));
        Assert.Equal(true, span.Tag("error"));
        Assert.Equal("ERROR", span.Tag("otel.status_code"));
        Assert.Equal(name, span.Tag("error.type"));
    }

    /// <summary>A unary method the generated client does not have, with the probe's messages.</summary>
    private static Method<ProbeRequest, ProbeReply> Unary(string service, string name) => new(MethodType.Unary, service, name,
        Marshallers.Create(r => r.ToByteArray(), ProbeRequest.Parser.ParseFrom),
        Marshallers.Create(r => r.ToByteArray(), ProbeReply.Parser.ParseFrom));

    private static async Task<StatusCode> Status(Task call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => call);
        return failure.StatusCode;
    }

    /// <summary>
    /// One call's spans, asserted to be one trace: the client's <c>[Traced]</c> root, the gRPC client
    /// span, its HTTP/2 request, and the server span, each the child of the one before.
    /// </summary>
    private static (JaegerSpan Client, JaegerSpan Server) Call(List<JaegerSpan> spans, string method)
    {
        var root = Assert.Single(spans, s => s.OperationName == TracedClient.OperationName);
        var client = Assert.Single(spans, s => s.OperationName == $"{Service}/{method}" && (string?)s.Tag("span.kind") == "client");
        var server = Assert.Single(spans, s => s.OperationName == $"{Service}/{method}" && (string?)s.Tag("span.kind") == "server");
        var http = Assert.Single(spans, s => s.ParentSpanId == client.SpanId);
        Assert.Equal("POST", http.Tag("http.request.method"));
        Assert.Equal(root.SpanId, client.ParentSpanId);
        Assert.Equal(http.SpanId, server.ParentSpanId);
        Assert.All(new[] { client, http, server }, s => Assert.Equal(root.TraceIdLow, s.TraceIdLow));
        return (client, server);
    }

    private static Task<(List<JaegerSpan> Spans, T Result, int Port)> Run<T>(
        Func<Probe.ProbeClient, Task<T>> makeCalls, PropagationFormats propagation = PropagationFormats.W3C | PropagationFormats.Jaeger, int calls = 1) =>
        Run((CallInvoker invoker) => makeCalls(new Probe.ProbeClient(invoker)), propagation, calls);

    private static async Task<(List<JaegerSpan> Spans, T Result, int Port)> Run<T>(
        Func<CallInvoker, Task<T>> makeCalls, PropagationFormats propagation = PropagationFormats.W3C | PropagationFormats.Jaeger, int calls = 1)
    {
        using var agent = new UdpAgent();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddJaegerTracing(configure: c =>
        {
            c.ServiceName = "grpc-spans";
            c.Sources.Add("Grpc.Net.Client");  // the client's gRPC spans
            c.Sources.Add("System.Net.Http");  // and their HTTP/2 requests
            c.Sender.AgentHost = "127.0.0.1";
            c.Sender.AgentPort = agent.Port;
            c.Propagation = propagation;
        });
        builder.Services.AddJaegerServerSpans();
        T result;
        int port;
        await using (var app = builder.Build())
        {
            app.MapGrpcService<ProbeService>();
            await app.StartAsync();
            var address = new Uri(app.Urls.First());
            port = address.Port;
            // Created after the tracer started: a handler takes the propagator current at its creation.
            using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } });
            result = await TracedClient.RunAsync(makeCalls, channel.CreateCallInvoker());
            await app.StopAsync(); // waits for the handlers, then flushes the tracer
        }

        var spans = agent.WaitForSpans(1 + 3 * calls).SelectMany(b => b.Spans).ToList();
        return (spans, result, port);
    }
}

/// <summary>The client's own code: a <c>[Traced]</c> method that sets baggage and makes the calls.</summary>
public static class TracedClient
{
    public const string OperationName = "grpc-client-code";

    [Traced(OperationName)]
    public static async Task<T> RunAsync<T>(Func<CallInvoker, Task<T>> calls, CallInvoker invoker)
    {
        System.Diagnostics.Activity.Current!.SetBaggage("tenant", "acme");
        return await calls(invoker);
    }
}
