using System;
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
    /// that failed before any message); null when it has none. A call the client abandoned is
    /// CANCELLED, whatever its handler made of the cancellation (gRPC records UNKNOWN when the
    /// handler throws on it), unless the server's own deadline ended it first (gRPC then wrote
    /// DEADLINE_EXCEEDED itself). A client that gives up at its deadline resets the call a moment
    /// before the server's copy of that deadline runs out, so which of the two the server sees is a
    /// race: the client's span says DEADLINE_EXCEEDED either way.
    /// </summary>
    public static int? Of(HttpContext context)
    {
        const string header = "grpc-status";
        var value = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers[header] ?? default;
        if (value.Count == 0) value = context.Response.Headers[header];
        int? status = int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        if (!context.RequestAborted.IsCancellationRequested) return status;
        return status == DeadlineExceeded ? DeadlineExceeded : Cancelled;
    }
}
