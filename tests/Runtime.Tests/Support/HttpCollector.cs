using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Thrift;
using Thrift.Transport.Client;
using Thrift.Protocol;
using ThriftDecoding;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>
/// A stand-in Jaeger collector: a real <see cref="HttpListener"/> on 127.0.0.1 that keeps each
/// request (headers and body) and answers with <see cref="StatusCode"/>. Bodies are decoded with
/// ApacheThrift's <see cref="TBinaryProtocol"/>.
/// </summary>
public sealed class HttpCollector : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<Request> requests = new();

    public HttpCollector()
    {
        Port = LoopbackListener.Start(listener);
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/api/traces");

    public int StatusCode { get; set; } = 202;

    /// <summary>When set, a POST to the traces path is answered 302 to this path (which answers <see cref="StatusCode"/>).</summary>
    public string? RedirectTo { get; set; }

    /// <param name="TraceContext">The request's <c>traceparent</c> or <c>uber-trace-id</c> header, if it carried one.</param>
    public sealed record Request(string Method, string Path, string? ContentType, string? Authorization, byte[] Body, string? TraceContext = null);

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (requests) return requests.ToList();
        }
    }

    public static JaegerBatch Decode(byte[] body)
    {
        using var transport = new TMemoryBufferTransport(body, new TConfiguration());
        using var protocol = new TBinaryProtocol(transport);
        return JaegerBatch.From(ThriftTree.ReadStructAsync(protocol).GetAwaiter().GetResult());
    }

    public List<JaegerBatch> WaitForSpans(int count, int timeoutMs = 10_000)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var batches = Requests.Select(r => Decode(r.Body)).ToList();
            if (batches.Sum(b => b.Spans.Count) >= count || clock.ElapsedMilliseconds > timeoutMs) return batches;
            Thread.Sleep(10);
        }
    }

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (requests)
            {
                requests.Add(new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                    context.Request.ContentType, context.Request.Headers["Authorization"], body.ToArray(),
                    context.Request.Headers["traceparent"] ?? context.Request.Headers["uber-trace-id"]));
            }

            if (RedirectTo is not null && context.Request.HttpMethod == "POST")
            {
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = RedirectTo;
            }
            else
            {
                context.Response.StatusCode = StatusCode;
            }

            context.Response.Close();
        }
    }
}
