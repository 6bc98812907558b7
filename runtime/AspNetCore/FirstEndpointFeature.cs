using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore;

/// <summary>
/// Remembers the endpoint routing chose for the request itself. Error pages re-execute the pipeline
/// (<c>UseExceptionHandler("/error")</c>, <c>UseStatusCodePagesWithReExecute</c>) and route again, to
/// the error page; the span must keep the request's own route (or none, for an unmatched request),
/// else every failure would carry the error page's name.
/// </summary>
internal sealed class FirstEndpointFeature(IFeatureCollection features, IEndpointFeature? inner) : IEndpointFeature
{
    private Endpoint? current;
    private bool assigned;
    private Endpoint? requestEndpoint;

    public Endpoint? Endpoint
    {
        get => inner is null ? current : inner.Endpoint;
        set
        {
            if (!assigned)
            {
                assigned = true;
                // Routing that first runs inside a re-execution found nothing for the request itself.
                requestEndpoint = ReExecuting ? null : value;
            }

            current = value;
            if (inner is not null) inner.Endpoint = value; // the server's own feature stays in step
        }
    }

    /// <summary>The request's own endpoint: what routing chose before any re-execution, else the current one.</summary>
    public Endpoint? RequestEndpoint => assigned ? requestEndpoint : Endpoint;

    private bool ReExecuting => features.Get<IStatusCodeReExecuteFeature>() is not null || features.Get<IExceptionHandlerFeature>() is not null;
}
