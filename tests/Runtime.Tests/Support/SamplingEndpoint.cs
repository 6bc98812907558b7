using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>
/// A stand-in for the Jaeger agent's sampling endpoint: a real <see cref="HttpListener"/> on
/// 127.0.0.1 answering <c>GET /sampling?service=NAME</c> with <see cref="Answer"/> (status, JSON
/// body, delay), and keeping each request's path and query, and whether it carried trace context.
/// </summary>
public sealed class SamplingEndpoint : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<string> requests = new();
    private int tracedRequests;
    private volatile Reply answer = new(200, "{}", TimeSpan.Zero);

    public SamplingEndpoint()
    {
        Port = LoopbackListener.Start(listener);
        _ = Task.Run(ServeAsync);
    }

    public sealed record Reply(int Status, string Body, TimeSpan Delay);

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/sampling");

    /// <summary>What every request gets from now on.</summary>
    public Reply Answer { get => answer; set => answer = value; }

    /// <summary>Serves <paramref name="json"/> with 200.</summary>
    public void Serve(string json) => Answer = new Reply(200, json, TimeSpan.Zero);

    /// <summary>The path and query of every request so far.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests) return requests.ToList();
        }
    }

    /// <summary>Requests that arrived with trace context (<c>traceparent</c> or <c>uber-trace-id</c>): those a tracer traced.</summary>
    public int TracedRequests => Volatile.Read(ref tracedRequests);

    public static string Probabilistic(double rate) =>
        "{\"strategyType\":\"PROBABILISTIC\",\"probabilisticSampling\":{\"samplingRate\":" + rate.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}";

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                lock (requests) requests.Add(context.Request.Url!.PathAndQuery);
                if (context.Request.Headers["traceparent"] is not null || context.Request.Headers["uber-trace-id"] is not null) Interlocked.Increment(ref tracedRequests);
                var reply = answer;
                try
                {
                    if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
                    var body = Encoding.UTF8.GetBytes(reply.Body);
                    context.Response.StatusCode = reply.Status;
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
                catch (Exception)
                {
                    // The client gave up (a slow answer): nothing to do.
                }
            });
        }
    }

    public void Dispose()
    {
        try
        {
            listener.Stop();
            listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
