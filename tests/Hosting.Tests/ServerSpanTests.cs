using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>
/// AddJaegerServerSpans (Instrumentation.AspNetCore): ASP.NET Core's server spans arrive at the agent
/// named after their route, with the HTTP tags, as OpenTelemetry's ASP.NET Core instrumentation
/// names them; without it every request would be "Microsoft.AspNetCore.Hosting.HttpRequestIn".
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ServerSpanTests
{
    [Fact]
    public async Task Server_spans_are_named_after_their_route_and_carry_the_HTTP_tags()
    {
        var spans = await Serve(
            app =>
            {
                app.MapGet("/orders/{id}", (int id) => $"order {id}");
                app.MapGet("/fail", (Func<string>)(() => throw new InvalidOperationException("broken")));
                app.MapGet("/named", () =>
                {
                    Activity.Current!.DisplayName = "chosen by the app";
                    return "named";
                });
            },
            "/orders/42?card=4111111111111111", "/missing", "/fail", "/named", "BREW /missing");

        var order = Assert.Single(spans, s => s.OperationName == "GET /orders/{id}");
        Assert.Equal("server", order.Tag("span.kind"));
        Assert.Equal("GET", order.Tag("http.request.method"));
        Assert.Equal("/orders/{id}", order.Tag("http.route"));
        Assert.Equal(200L, order.Tag("http.response.status_code"));
        Assert.Equal("/orders/42", order.Tag("url.path"));
        Assert.Equal("http", order.Tag("url.scheme"));
        Assert.Equal("127.0.0.1", order.Tag("server.address"));
        Assert.Null(order.Tag("error"));
        Assert.DoesNotContain(order.Tags, t => t.Value?.ToString()?.Contains("4111", StringComparison.Ordinal) == true); // never the query

        var missing = Assert.Single(spans, s => (string?)s.Tag("url.path") == "/missing" && (string?)s.Tag("http.request.method") == "GET");
        Assert.Equal("GET", missing.OperationName); // no route matched: the method alone
        Assert.Equal(404L, missing.Tag("http.response.status_code"));
        Assert.Null(missing.Tag("error")); // a 404 is the client's failure, not the server's

        var fail = Assert.Single(spans, s => s.OperationName == "GET /fail");
        Assert.Equal(500L, fail.Tag("http.response.status_code"));
        Assert.Equal(true, fail.Tag("error"));
        Assert.Equal(typeof(InvalidOperationException).FullName, fail.Tag("error.type"));

        var named = Assert.Single(spans, s => s.Tag("http.route") as string == "/named");
        Assert.Equal("chosen by the app", named.OperationName);
        // An invented method never becomes part of an operation name (one per method a client makes up).
        var brew = Assert.Single(spans, s => s.Tag("http.request.method_original") as string == "BREW");
        Assert.Equal("HTTP", brew.OperationName);
        Assert.Equal("_OTHER", brew.Tag("http.request.method"));
        Assert.Equal(5, spans.Count);
    }

    [Fact]
    public async Task Error_pages_that_re_execute_the_pipeline_keep_the_failing_request_s_route()
    {
        var spans = await Serve(
            app =>
            {
                app.UseExceptionHandler("/error");
                app.UseStatusCodePagesWithReExecute("/status/{0}");
                app.MapGet("/boom/{id}", Boom);
                app.MapGet("/error", () => Results.Problem("sorry"));
                app.MapGet("/status/{code}", (int code) => $"status {code}");
            },
            "/boom/7", "/nothere");

        var boom = Assert.Single(spans, s => s.OperationName == "GET /boom/{id}");
        Assert.Equal("/boom/{id}", boom.Tag("http.route"));
        Assert.Equal(500L, boom.Tag("http.response.status_code"));
        Assert.Equal(true, boom.Tag("error"));
        Assert.Equal(typeof(InvalidOperationException).FullName, boom.Tag("error.type"));

        var nothere = Assert.Single(spans, s => (string?)s.Tag("url.path") == "/nothere");
        Assert.Equal("GET", nothere.OperationName); // not the status page's route
        Assert.Null(nothere.Tag("http.route"));
        Assert.Equal(404L, nothere.Tag("http.response.status_code"));
        Assert.Equal(2, spans.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // HTTP/2 resets the stream once the app has thrown, which cancels RequestAborted before the response completes
    public async Task The_status_the_client_got_is_recorded_when_an_exception_leaves_the_app(bool http2)
    {
        var spans = await Serve(
            http2,
            app =>
            {
                app.MapPost("/upload", async (HttpContext context) =>
                {
                    context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = 10;
                    return (await new System.IO.StreamReader(context.Request.Body).ReadToEndAsync()).Length;
                });
                app.MapGet("/partial", async (HttpContext context) =>
                {
                    await context.Response.WriteAsync("half an answer");
                    await context.Response.Body.FlushAsync();
                    throw new InvalidOperationException("after the response started");
                });
            },
            paths: ["POST /upload", "/partial"]);

        // Kestrel answers 413 to a body over the limit: the client's failure, not the server's.
        var upload = Assert.Single(spans, s => s.OperationName == "POST /upload");
        Assert.Equal(413L, upload.Tag("http.response.status_code"));
        Assert.Null(upload.Tag("error"));

        // The client got 200 and then a broken connection: a failure of the server.
        var partial = Assert.Single(spans, s => s.OperationName == "GET /partial");
        Assert.Equal(200L, partial.Tag("http.response.status_code"));
        Assert.Equal(true, partial.Tag("error"));
        Assert.Equal(typeof(InvalidOperationException).FullName, partial.Tag("error.type"));
    }

    [Fact]
    public async Task Requests_that_host_filtering_rejects_are_named_and_tagged_too()
    {
        var spans = await Serve(
            app => app.MapGet("/orders/{id}", (int id) => $"order {id}"),
            builder => builder.Configuration["AllowedHosts"] = "shop.example", // requests to 127.0.0.1 get 400
            "/orders/1");

        var rejected = Assert.Single(spans);
        Assert.Equal("GET", rejected.OperationName); // rejected before routing: no route
        Assert.Equal(400L, rejected.Tag("http.response.status_code"));
        Assert.Null(rejected.Tag("error"));
    }

    private static string Boom(int id) => throw new InvalidOperationException("broken " + id);

    /// <summary>Runs a web app with the tracer and server spans, sends <paramref name="paths"/> ("/path" or "METHOD /path"), and returns the spans the agent got.</summary>
    private static Task<List<JaegerSpan>> Serve(Action<WebApplication> map, params string[] paths) => Serve(map, _ => { }, paths);

    private static Task<List<JaegerSpan>> Serve(bool http2, Action<WebApplication> map, string[] paths) => Serve(map, _ => { }, http2, paths);

    private static Task<List<JaegerSpan>> Serve(Action<WebApplication> map, Action<WebApplicationBuilder> configure, params string[] paths) => Serve(map, configure, http2: false, paths);

    [Fact]
    public async Task Under_TestServer_a_request_whose_handler_throws_is_named_tagged_and_failed()
    {
        // TestServer (WebApplicationFactory's server) never completes a response after an exception, so
        // a span completed only then kept ASP.NET Core's name and no tags.
        using var agent = new UdpAgent();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddJaegerTracing(configure: c =>
        {
            c.ServiceName = "test-server-spans";
            c.Sender.AgentHost = "127.0.0.1";
            c.Sender.AgentPort = agent.Port;
        });
        builder.Services.AddJaegerServerSpans();
        await using (var app = builder.Build())
        {
            app.MapGet("/ok/{id}", (int id) => $"ok {id}");
            app.MapGet("/throw/{id}", (int id) => { if (id > 0) throw new InvalidOperationException("broken " + id); return "never"; });
            await app.StartAsync();
            using var http = app.GetTestClient();
            (await http.GetAsync("/ok/1")).Dispose();
            await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync("/throw/2"));
            // TestServer hands the exception to the client before the server's span has ended: stopping the
            // host at once could close the tracer first. Both spans reach the agent at the next flush (1 s).
            Assert.True(Poll.Until(() => agent.Datagrams.Count > 0 && agent.WaitForSpans(2, timeoutMs: 0).Sum(b => b.Spans.Count) >= 2, 10_000), "the spans never reached the agent");
            await app.StopAsync(); // flushes the tracer
        }

        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        Assert.Single(spans, s => s.OperationName == "GET /ok/{id}");
        var thrown = Assert.Single(spans, s => s.OperationName == "GET /throw/{id}");
        Assert.Equal("/throw/{id}", thrown.Tag("http.route"));
        Assert.Equal(500L, thrown.Tag("http.response.status_code"));
        Assert.Equal(true, thrown.Tag("error"));
        Assert.Equal(typeof(InvalidOperationException).FullName, thrown.Tag("error.type"));
    }

    [Theory]
    [InlineData(SamplerTypes.Probabilistic)]
    [InlineData(SamplerTypes.Const)] // const 0 creates no span at all for other requests
    public async Task A_request_with_jaeger_debug_id_and_no_trace_context_starts_a_debug_trace_whatever_the_sampler_says(string samplerType)
    {
        using var agent = new UdpAgent();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddJaegerTracing(configure: c =>
        {
            c.ServiceName = "debug-id";
            c.Sender.AgentHost = "127.0.0.1";
            c.Sender.AgentPort = agent.Port;
            c.Sampler.Type = samplerType;
            c.Sampler.Param = 0; // nothing is sampled but what is asked for
        });
        builder.Services.AddJaegerServerSpans();
        var outgoing = new Dictionary<string, string>();
        await using (var app = builder.Build())
        {
            app.MapGet("/orders/{id}", (int id) =>
            {
                if (id == 7) TraceContext.Inject(Activity.Current, outgoing); // as a downstream call would send it
                return $"order {id}";
            });
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using (var debug = new HttpRequestMessage(HttpMethod.Get, "/orders/7"))
            {
                debug.Headers.Add("jaeger-debug-id", "ticket-4711");
                (await http.SendAsync(debug)).Dispose();
            }

            (await http.GetAsync("/orders/8")).Dispose(); // not asked for: not sampled
            await app.StopAsync(); // flushes the tracer
        }

        var spans = agent.WaitForSpans(1).SelectMany(b => b.Spans).ToList();
        var root = Assert.Single(spans);
        Assert.Equal("GET /orders/{id}", root.OperationName);
        Assert.Equal("ticket-4711", root.Tag("jaeger-debug-id"));
        Assert.Equal(3, root.Flags); // sampled and debug
        Assert.Equal(0, root.ParentSpanId);
        Assert.EndsWith(":3", outgoing["uber-trace-id"], StringComparison.Ordinal);
    }

    private static async Task<List<JaegerSpan>> Serve(Action<WebApplication> map, Action<WebApplicationBuilder> configure, bool http2, string[] paths)
    {
        using var agent = new UdpAgent();
        var builder = WebApplication.CreateBuilder();
        configure(builder);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
            listen.Protocols = http2 ? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2 : Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2));
        builder.Logging.ClearProviders();
        builder.Services.AddJaegerTracing(configure: c =>
        {
            c.ServiceName = "server-spans"; // no Sources: AddJaegerServerSpans makes the tracer listen to ASP.NET Core
            c.Sender.AgentHost = "127.0.0.1";
            c.Sender.AgentPort = agent.Port;
        });
        builder.Services.AddJaegerServerSpans();
        await using (var app = builder.Build())
        {
            map(app);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            if (http2)
            {
                // h2c: HTTP/2 without TLS, as gRPC clients speak it
                http.DefaultRequestVersion = HttpVersion.Version20;
                http.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            }

            foreach (var request in paths)
            {
                var parts = request.Split(' '); // "/path" or "METHOD /path"
                using var message = parts.Length == 1 ? new HttpRequestMessage(HttpMethod.Get, parts[0]) : new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
                if (message.Method == HttpMethod.Post) message.Content = new StringContent(new string('x', 100));
                message.Version = http.DefaultRequestVersion;
                message.VersionPolicy = http.DefaultVersionPolicy;
                try
                {
                    (await http.SendAsync(message)).Dispose();
                }
                catch (HttpRequestException)
                {
                    // a response the server cut off: what the span says about it is under test
                }
            }
            await app.StopAsync(); // flushes the tracer
        }

        return agent.WaitForSpans(paths.Length).SelectMany(b => b.Spans).ToList();
    }
}
