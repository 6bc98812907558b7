using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>
/// A Go service using jaeger-client sends `uber-trace-id` and `uberctx-*` baggage. ASP.NET Core reads
/// them through the propagator AddJaegerTracing registers: the server span continues the trace and
/// carries the baggage, although ASP.NET Core's header dictionary is read through a getter.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class JaegerBaggageOnServerTests
{
    [Fact]
    public async Task Server_span_continues_an_uber_trace_id_and_gets_its_uberctx_baggage()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddJaegerTracing(configure: c =>
        {
            c.ServiceName = "baggage-server";
            c.Sources.Add("Microsoft.AspNetCore");
            c.Sender.AgentHost = "127.0.0.1";
            c.Sender.AgentPort = 9; // discard: only what the server saw matters here
            c.Propagation = PropagationFormats.Jaeger;
        });
        await using var app = builder.Build();
        app.MapGet("/who", () =>
        {
            var span = Activity.Current!;
            return $"{span.TraceId.ToHexString()} {span.ParentSpanId.ToHexString()} {span.GetBaggageItem("tenant")} {span.GetBaggageItem("user-id")}";
        });
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/who");
        // As jaeger-client-go writes them: 16-digit trace id when the high half is zero, URL-encoded baggage.
        request.Headers.TryAddWithoutValidation("uber-trace-id", "00000000000004d2:000000000000162e:0:1");
        request.Headers.TryAddWithoutValidation("uberctx-tenant", "acme");
        request.Headers.TryAddWithoutValidation("uberctx-user-id", "ann%20lee");
        using var response = await http.SendAsync(request);
        var seen = await response.Content.ReadAsStringAsync();
        await app.StopAsync();

        Assert.Equal("000000000000000000000000000004d2 000000000000162e acme ann lee", seen);
    }
}
