using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>HttpClient, created after the tracer starts, sends our headers naming its own client span.</summary>
public sealed class HttpClientPropagationTests
{
    [Fact]
    public async Task A_request_inside_a_span_carries_uber_trace_id_and_traceparent_of_the_http_client_span()
    {
        using var agent = new UdpAgent();
        var sourceName = "http-propagation." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("http-propagation", sourceName);
        config.Sources.Add("System.Net.Http");
        var previous = DistributedContextPropagator.Current;

        using var server = new HttpListener();
        var url = $"http://127.0.0.1:{FreePort()}/";
        server.Prefixes.Add(url);
        server.Start();

        string? uberTraceId, traceParent;
        ActivityTraceId traceId;
        ActivitySpanId parentId;
        using (var tracer = config.Start())
        {
            using (var client = new HttpClient())
            using (var parent = source.StartActivity("call-greeter", ActivityKind.Internal))
            {
                Assert.NotNull(parent);
                traceId = parent.TraceId;
                parentId = parent.SpanId;
                var request = client.GetAsync(url);
                var context = await server.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30)); // fails, never hangs, if the request went astray
                uberTraceId = context.Request.Headers["uber-trace-id"];
                traceParent = context.Request.Headers["traceparent"];
                context.Response.StatusCode = 200;
                context.Response.Close();
                (await request).Dispose();
            }

            tracer.Dispose();
        }

        Assert.Same(previous, DistributedContextPropagator.Current);
        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        var httpSpan = Assert.Single(spans, s => s.ParentSpanId == Convert.ToInt64(parentId.ToHexString(), 16));
        var trace = traceId.ToHexString();
        var httpSpanId = $"{httpSpan.SpanId:x16}";
        Assert.Equal($"{trace}:{httpSpanId}:0:1", uberTraceId);
        Assert.Equal($"00-{trace}-{httpSpanId}-01", traceParent);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
