using System.Linq;
using Instrumentation.AspNetCore;
using Microsoft.AspNetCore.Hosting;

// In the DI namespace, as Microsoft's own Add* extensions are, so no extra using is needed.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>ASP.NET Core server spans that read well in Jaeger.</summary>
public static class JaegerServerSpansServiceCollectionExtensions
{
    /// <summary>
    /// Names each request's server span after its route (<c>GET /orders/{id}</c>, or the method
    /// alone when no route matched) and tags it with <c>http.request.method</c>, <c>http.route</c>,
    /// <c>http.response.status_code</c>, <c>url.scheme</c>, <c>url.path</c> (never the query) and
    /// <c>server.address</c>/<c>server.port</c>; a 5xx answer or an unhandled exception marks it as an
    /// error. gRPC calls are named <c>{package.Service}/{Method}</c> and tagged with <c>rpc.system</c>,
    /// <c>rpc.service</c>, <c>rpc.method</c> and <c>rpc.grpc.status_code</c>, failing by the RPC
    /// conventions' server rule. A name the application set itself is kept. Use with <c>AddJaegerTracing</c>; the tracer
    /// then listens to ASP.NET Core's <c>Microsoft.AspNetCore</c> source without listing it in <c>Sources</c>.
    /// </summary>
    public static IServiceCollection AddJaegerServerSpans(this IServiceCollection services)
    {
        // First of all startup filters, so the middleware also sees what earlier ones reject (host filtering's 400).
        if (!services.Any(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType == typeof(ServerSpanStartupFilter)))
            services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, ServerSpanStartupFilter>());
        return services.AddJaegerTracingSource(AspNetCoreSource);
    }

    /// <summary>The activity source of ASP.NET Core's request spans.</summary>
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
}
