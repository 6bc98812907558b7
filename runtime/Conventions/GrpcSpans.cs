using System;
using System.Diagnostics;
using System.Globalization;

namespace Instrumentation.Conventions;

/// <summary>
/// Gives gRPC spans the names and tags of OpenTelemetry's RPC conventions: the operation
/// <c>{package.Service}/{Method}</c>, <c>rpc.system=grpc</c>, <c>rpc.service</c>, <c>rpc.method</c>
/// and <c>rpc.grpc.status_code</c>, and the error status the conventions give each side. gRPC for
/// .NET already tags its spans (Grpc.Net.Client's client span, and ASP.NET Core's request span on
/// the server) with <c>grpc.method</c> and <c>grpc.status_code</c>; those are read, then replaced.
/// </summary>
internal static class GrpcSpans
{
    /// <summary>The activity source of Grpc.Net.Client's client spans.</summary>
    public const string ClientSource = "Grpc.Net.Client";

    /// <summary>The activity source of HttpClient's spans; a gRPC call's HTTP/2 request is one.</summary>
    private const string HttpClientSource = "System.Net.Http";

    private const string MethodTag = "grpc.method";
    private const string StatusTag = "grpc.status_code";

    // Status code names, as gRPC spells them (error.type and the status description).
    private static readonly string[] StatusNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    /// <summary>
    /// Called for every client span this tracer reports, before it is queued: completes a
    /// Grpc.Net.Client span, and passes the server's address from a gRPC call's HTTP request (which
    /// ends first) to the call's span, which gRPC does not tag with it. gRPC's own
    /// <c>grpc.method</c>/<c>grpc.status_code</c> tags are replaced, as OpenTelemetry's gRPC
    /// instrumentation replaces them (a listener that reads them after this one finds the rpc.* tags).
    /// </summary>
    public static void ClientSpanStopped(Activity span)
    {
        try
        {
            var source = span.Source.Name;
            if (source == ClientSource)
            {
                if (Complete(span, server: false, status: null) is { } method) span.DisplayName = method;
            }
            else if (source == HttpClientSource && span.Parent is { IsAllDataRequested: true, IsStopped: false } call && call.Source.Name == ClientSource)
            {
                call.SetIfMissing("server.address", span.GetTagItem("server.address"));
                call.SetIfMissing("server.port", span.GetTagItem("server.port"));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Naming a span must never fail the call that ends it (this runs inside Activity.Stop).
        }
    }

    /// <summary>Whether gRPC tagged <paramref name="span"/> as one of its calls.</summary>
    public static bool IsCall(Activity span) => span.GetTagItem(MethodTag) is string;

    /// <summary>
    /// Tags <paramref name="span"/> as a gRPC call; returns the name the call should have,
    /// <c>{package.Service}/{Method}</c>, when gRPC tagged it with its method, and null for a call
    /// gRPC did not route (an unimplemented method: its name must not be what a client sent).
    /// <paramref name="status"/> is the call's status when the caller knows it better than gRPC's
    /// tag (the <c>grpc-status</c> a server sent, or what a call the client abandoned ended as); null
    /// takes gRPC's.
    /// </summary>
    public static string? Complete(Activity span, bool server, int? status)
    {
        var method = (span.GetTagItem(MethodTag) as string)?.TrimStart('/');
        span.SetTag("rpc.system", "grpc");
        if (method is not null)
        {
            var slash = method.LastIndexOf('/');
            span.SetTag(MethodTag, null);
            if (slash > 0)
            {
                span.SetTag("rpc.service", method.Substring(0, slash));
                span.SetTag("rpc.method", method.Substring(slash + 1));
            }
        }

        if (status is null && span.GetTagItem(StatusTag) is string text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tagged)) status = tagged;
        span.SetTag(StatusTag, null);
        if (status is not { } code) return method;

        span.SetTag("rpc.grpc.status_code", code);
        if (IsError(code, server))
        {
            var name = (uint)code < (uint)StatusNames.Length ? StatusNames[code] : code.ToString(CultureInfo.InvariantCulture);
            span.SetTag("error.type", name);
            span.SetStatus(ActivityStatusCode.Error, name);
        }

        return method;
    }

    /// <summary>
    /// A client fails on every status but OK; a server only on those that are its own fault
    /// (UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS): a NOT_FOUND or
    /// an INVALID_ARGUMENT is the caller's failure, as a 4xx is for HTTP.
    /// </summary>
    private static bool IsError(int code, bool server) =>
        server ? code is 2 or 4 or 12 or 13 or 14 or 15 : code != 0;
}
