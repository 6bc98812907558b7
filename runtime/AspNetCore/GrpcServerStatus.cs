using System;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore;

/// <summary>What a gRPC call ended as, seen from the server.</summary>
internal static class GrpcServerStatus
{
    private const int Cancelled = 1, DeadlineExceeded = 4;

    /// <summary>Whether the request is a gRPC call (<c>application/grpc</c>, <c>application/grpc+proto</c>, ...).</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
        && (type.Length == 16 || type[16] is '+' or ';');

    /// <summary>
    /// The <c>grpc-status</c> the response carries (in its trailers, or in its headers for a call
    /// that failed before any message). A call the client abandoned sent none the client read: its
    /// handler saw the cancellation and gRPC records UNKNOWN. It ended as DEADLINE_EXCEEDED when the
    /// call's <c>grpc-timeout</c> ran out (the client gives up at its deadline, a moment before the
    /// server's copy of it, so the last tenth of it, at most a second, counts), as CANCELLED
    /// otherwise. Null when the response is not a gRPC one.
    /// </summary>
    public static int? Of(HttpContext context, Activity span)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            var timeout = Timeout(context.Request.Headers["grpc-timeout"].ToString());
            if (timeout is null) return Cancelled;
            var margin = TimeSpan.FromTicks(Math.Min(timeout.Value.Ticks / 10, TimeSpan.TicksPerSecond));
            return DateTime.UtcNow - span.StartTimeUtc >= timeout.Value - margin ? DeadlineExceeded : Cancelled;
        }

        const string header = "grpc-status";
        var value = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers[header] ?? default;
        if (value.Count == 0) value = context.Response.Headers[header];
        return int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    /// <summary>A <c>grpc-timeout</c> value: up to 8 digits and a unit (H, M, S, m, u, n); null if malformed or absent.</summary>
    private static TimeSpan? Timeout(string value)
    {
        if (value.Length is < 2 or > 9 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return null;
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}
