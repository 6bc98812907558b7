using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>
/// With the OpenTelemetry SDK as the only listener (no tracer of ours), our [Traced] code, our
/// blocks and our Jaeger propagator still give one trace with the same parent chain as with ours:
/// client method -> HTTP client span -> ASP.NET Core server span -> server method -> block.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class OpenTelemetryInteropTests
{
    private const string Source = "Instrumentation.Hosting.Tests"; // the generated source is named after the assembly

    [Fact]
    public async Task OpenTelemetry_sees_one_trace_with_the_parent_chain_carried_by_uber_trace_id()
    {
        var exported = new List<Activity>();
        var previous = DistributedContextPropagator.Current;
        DistributedContextPropagator.Current = JaegerPropagation.Create(PropagationFormats.Jaeger);
        try
        {
            using (Sdk.CreateTracerProviderBuilder()
                .AddSource(Source, "System.Net.Http", "Microsoft.AspNetCore")
                .SetSampler(new AlwaysOnSampler())
                .AddInMemoryExporter(exported)
                .Build())
            {
                var headers = new List<string>();
                await using var app = await StartServerAsync(headers);
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

                Assert.Equal("Hello otel", await new InteropClient(http).GreetAsync("otel"));
                Assert.Contains(headers, h => h.StartsWith("uber-trace-id", StringComparison.Ordinal));
                Assert.DoesNotContain(headers, h => h.StartsWith("traceparent", StringComparison.Ordinal));
                await app.StopAsync();
            }
        }
        finally
        {
            DistributedContextPropagator.Current = previous;
        }

        var client = Assert.Single(exported, a => a.OperationName == "InteropClient.GreetAsync");
        var httpClient = Assert.Single(exported, a => a.Source.Name == "System.Net.Http");
        var server = Assert.Single(exported, a => a.Source.Name == "Microsoft.AspNetCore");
        var method = Assert.Single(exported, a => a.OperationName == "InteropGreeter.Hello");
        var block = Assert.Single(exported, a => a.OperationName == "compose");

        Assert.All(new[] { httpClient, server, method, block }, a => Assert.Equal(client.TraceId, a.TraceId));
        Assert.Equal(client.SpanId, httpClient.ParentSpanId);
        Assert.Equal(httpClient.SpanId, server.ParentSpanId);
        Assert.True(server.HasRemoteParent);
        Assert.Equal(server.SpanId, method.ParentSpanId);
        Assert.Equal(method.SpanId, block.ParentSpanId);
        Assert.Equal(ActivityKind.Client, httpClient.Kind);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal(ActivityKind.Client, client.Kind);
    }

    private static async Task<WebApplication> StartServerAsync(List<string> headers)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            lock (headers) headers.AddRange(context.Request.Headers.Select(h => $"{h.Key}: {h.Value}"));
            await next(context);
        });
        app.MapGet("/greet/{name}", (string name) => new InteropGreeter().Hello(name));
        await app.StartAsync();
        return app;
    }
}

public sealed class InteropClient(HttpClient http)
{
    [Traced(Kind = ActivityKind.Client)]
    public Task<string> GreetAsync(string name) => http.GetStringAsync("/greet/" + name);
}

public sealed class InteropGreeter
{
    [Traced]
    public string Hello(string name)
    {
        using (Tracing.Block("compose"))
        {
            return "Hello " + name;
        }
    }
}
