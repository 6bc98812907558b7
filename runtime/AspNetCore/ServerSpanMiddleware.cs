using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Instrumentation.Conventions;

namespace Instrumentation.AspNetCore;

/// <summary>
/// Completes ASP.NET Core's server span once the request has run: the operation name becomes
/// <c>{method} {route}</c> (OpenTelemetry's convention; just <c>{method}</c> when no route matched)
/// instead of <c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>, and it gets the HTTP tags ASP.NET
/// Core leaves to instrumentation. The query string is never tagged: it may carry user data.
/// </summary>
internal sealed class ServerSpanMiddleware
{
    private readonly RequestDelegate next;

    public ServerSpanMiddleware(RequestDelegate next)
    {
        this.next = next;
        // Requests with a jaeger-debug-id may now be recorded whatever the sampler says: this marks them.
        Instrumentation.Propagation.RequestedDebugRoot.RequestsAreMarked();
    }

    /// <summary>The name ASP.NET Core gives its request activity; anything else was chosen by the app and is kept.</summary>
    internal const string DefaultName = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    public async Task InvokeAsync(HttpContext context)
    {
        var span = context.Features.Get<IHttpActivityFeature>()?.Activity;
        // Jaeger's jaeger-debug-id on a request without trace context: this request starts a debug trace.
        if (span is not null && context.Request.Headers.TryGetValue(Instrumentation.Propagation.JaegerDebug.IdHeader, out var debugId))
            Instrumentation.Propagation.JaegerDebug.MarkRoot(span, debugId.ToString());
        if (span is null || !span.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        var endpoints = new FirstEndpointFeature(context.Features, context.Features.Get<IEndpointFeature>());
        context.Features.Set<IEndpointFeature>(endpoints);
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            // The status the client gets is decided after this middleware (413 for a too-large body,
            // 500, or none for a client that went away): read it when the response has completed,
            // which is before ASP.NET Core stops the span. A response that had already started is
            // cut off: a failure whatever its status line said.
            var cutOff = context.Response.HasStarted;
            // Whether the client went away, read now: on HTTP/2 the server resets the stream once the
            // app has thrown, which cancels RequestAborted before the response completes.
            var clientGone = context.RequestAborted.IsCancellationRequested;
            // Completed at once with the status the server will most likely send, and again when the
            // response completes: a server that never completes it (TestServer, after an exception)
            // would otherwise leave the span unnamed and untagged.
            Complete(span, context, endpoints, e, cutOff, clientGone, likelyStatus: cutOff ? null : (e as BadHttpRequestException)?.StatusCode ?? StatusCodes.Status500InternalServerError);
            context.Response.OnCompleted(() =>
            {
                Complete(span, context, endpoints, e, cutOff, clientGone, likelyStatus: null);
                return Task.CompletedTask;
            });
            throw;
        }

        Complete(span, context, endpoints, exception: null, cutOff: false, clientGone: context.RequestAborted.IsCancellationRequested, likelyStatus: null);
    }

    // likelyStatus: the status the server will most likely send, before it has (the span may be completed again).
    private static void Complete(Activity span, HttpContext context, FirstEndpointFeature endpoints, Exception? exception, bool cutOff, bool clientGone, int? likelyStatus)
    {
        try
        {
            var request = context.Request;
            var statusCode = likelyStatus ?? context.Response.StatusCode;
            var route = (endpoints.RequestEndpoint as RouteEndpoint)?.RoutePattern.RawText;
            // Any client can send any method: only the standard ones may name spans (else one
            // operation name per invented method), as OpenTelemetry's conventions require.
            var method = KnownMethod(request.Method);
            span.SetIfMissing("http.request.method", method ?? "_OTHER");
            if (method != request.Method) span.SetIfMissing("http.request.method_original", request.Method);
            span.SetIfMissing("url.scheme", request.Scheme);
            span.SetIfMissing("url.path", (request.PathBase + request.Path).Value);
            span.SetIfMissing("server.address", request.Host.Host);
            if (request.Host.Port is { } port) span.SetIfMissing("server.port", port);
            if (route is not null) span.SetTag("http.route", route);
            span.SetTag("http.response.status_code", statusCode);
            // A gRPC call is named and tagged by the RPC conventions, its failure decided by its gRPC status.
            var grpcMethod = GrpcSpans.IsCall(span) || GrpcServerStatus.IsGrpc(request)
                ? GrpcSpans.Complete(span, server: true, GrpcServerStatus.Of(context))
                : null;
            if (span.DisplayName == DefaultName)
                span.DisplayName = grpcMethod ?? (route is null ? method ?? "HTTP" : $"{method ?? "HTTP"} {route}");

            // For a server, only 5xx is its own failure (a 404 is the client's, and so is a request
            // the client abandoned).
            if ((statusCode >= 500 || cutOff) && !clientGone)
            {
                exception ??= context.Features.Get<IExceptionHandlerFeature>()?.Error; // handled by UseExceptionHandler
                span.SetTag("error.type", exception?.GetType().FullName ?? statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                span.SetStatus(ActivityStatusCode.Error);
            }
            else if (exception is not null && span.Status == ActivityStatusCode.Error)
            {
                // The likely status was a failure, the one sent is not (an exception the server answered with a 4xx).
                span.SetTag("error.type", null);
                span.SetStatus(ActivityStatusCode.Unset);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Tagging must never fail the request.
        }
    }

    /// <summary>The method in its canonical spelling when it is one of HTTP's standard methods; null otherwise.</summary>
    private static string? KnownMethod(string method) => method.ToUpperInvariant() switch
    {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        "TRACE" => "TRACE",
        "CONNECT" => "CONNECT",
        _ => null,
    };
}
