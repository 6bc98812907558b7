using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Grpc.Core;

namespace Instrumentation.Hosting.Tests.Grpc;

/// <summary>Does what each request asks; reports the baggage and trace context metadata it received.</summary>
public sealed class ProbeService : Probe.ProbeBase
{
    private static readonly string[] ContextHeaders = ["uber-trace-id", "uberctx-tenant", "traceparent", "tracestate", "baggage"];

    public override async Task<ProbeReply> Call(ProbeRequest request, ServerCallContext context)
    {
        await Act(request, context);
        return Reply(request.Name, context);
    }

    public override async Task StreamReplies(ProbeRequest request, IServerStreamWriter<ProbeReply> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Replies; i++) await responseStream.WriteAsync(Reply($"{request.Name} {i}", context));
        await Act(request, context);
    }

    public override async Task<ProbeReply> CollectRequests(IAsyncStreamReader<ProbeRequest> requestStream, ServerCallContext context)
    {
        var names = new System.Collections.Generic.List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken)) names.Add(request.Name);
        return Reply(string.Join(",", names), context);
    }

    private static async Task Act(ProbeRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0) await Task.Delay(request.DelayMs, context.CancellationToken);
        if (request.Throw) throw new InvalidOperationException("the handler failed");
        if (request.Status != 0) throw new RpcException(new Status((StatusCode)request.Status, "asked for"));
    }

    private static ProbeReply Reply(string message, ServerCallContext context)
    {
        var reply = new ProbeReply { Message = message, Baggage = Activity.Current?.GetBaggageItem("tenant") ?? "" };
        reply.Headers.AddRange(context.RequestHeaders.Select(h => h.Key).Where(ContextHeaders.Contains));
        return reply;
    }
}
