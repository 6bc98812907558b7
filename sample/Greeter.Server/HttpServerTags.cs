using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Greeter.Server;

/// <summary>
/// Completes the request span's HTTP tags. With SuppressActivityOpenTelemetryData=false (see the
/// csproj) ASP.NET Core 10 tags method, path, scheme and server address when the request starts;
/// the route and the status code are known only at the end, and adding them is left to
/// OpenTelemetry's instrumentation package, so this middleware adds them (and names the span after
/// the route) instead.
/// </summary>
public static class HttpServerTags
{
    public static IApplicationBuilder UseHttpServerTags(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested) return;
        if (context.GetEndpoint() is RouteEndpoint endpoint && activity.GetTagItem("http.route") is null)
        {
            activity.SetTag("http.route", endpoint.RoutePattern.RawText);
            // The operation name Jaeger shows: "GET /greet/{name}" (OpenTelemetry's convention) instead
            // of the activity's "Microsoft.AspNetCore.Hosting.HttpRequestIn".
            activity.DisplayName = $"{context.Request.Method} {endpoint.RoutePattern.RawText}";
        }
        if (activity.GetTagItem("http.response.status_code") is null)
            activity.SetTag("http.response.status_code", context.Response.StatusCode);
    });
}
