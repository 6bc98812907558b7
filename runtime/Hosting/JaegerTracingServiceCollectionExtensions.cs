using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation;
using Instrumentation.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// In the DI namespace, as Microsoft's own Add* extensions are, so no extra using is needed.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Jaeger tracer with a .NET generic host (ASP.NET Core, worker services).</summary>
public static class JaegerTracingServiceCollectionExtensions
{
    /// <summary>
    /// Runs a <see cref="Tracer"/> for the host's lifetime. Settings come from the <c>Jaeger</c>
    /// section of <paramref name="configuration"/> (the host's configuration when null; a section
    /// without a <c>Jaeger</c> child is read as the tracer's section itself), then
    /// <paramref name="configure"/>, then <c>JAEGER_*</c> variables; the service name defaults to
    /// the application name and span lines (<c>LogSpans</c>) go to the host's logging. The tracer
    /// starts before other hosted services and is disposed, flushing, when the host has stopped.
    /// A bad setting fails the host's start with <see cref="InvalidTracerSettingException"/>.
    /// Also registers the <see cref="DistributedContextPropagator"/> that HttpClient and ASP.NET Core
    /// use, and adds trace and span ids to log scopes.
    /// </summary>
    public static IServiceCollection AddJaegerTracing(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<TracerConfiguration>? configure = null)
    {
        if (services.Any(d => !d.IsKeyedService && d.ImplementationType == typeof(TracerHostedService)))
        {
            // One tracer per host. A repeated plain call is harmless; settings given the second time
            // would be silently lost, so say so instead.
            if (configuration is null && configure is null) return services;
            throw new InvalidOperationException(
                "AddJaegerTracing was already called for this host; pass the configuration and the configure callback in a single call.");
        }

        services.AddSingleton(sp => HostedTracerConfiguration.Create(sp, configuration, configure));
        services.AddSingleton(sp => sp.GetRequiredService<TracerConfiguration>().Start());

        // First in the list, so it is resolved, and the tracer started, before any other hosted service.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, TracerHostedService>());

        // ASP.NET Core registers Current when the web host is created, before user code runs: replace it.
        // Starting the tracer installs the configured formats (JaegerPropagation) as Current, which is
        // what HttpClient uses; ASP.NET Core gets the same instance from here.
        var existing = services.Where(d => d.ServiceType == typeof(DistributedContextPropagator)).ToList();
        foreach (var descriptor in existing) services.Remove(descriptor);
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<Tracer>();
            return DistributedContextPropagator.Current;
        });

        // Log scopes carry the current span's ids, so log lines and spans can be matched.
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return services;
    }

    /// <summary>
    /// Makes the host's tracer listen to the activity source <paramref name="name"/> (a trailing
    /// <c>*</c> for a prefix) besides the configured <c>Sources</c>: for libraries and packages that
    /// bring spans of their own. Works before or after <see cref="AddJaegerTracing"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public static IServiceCollection AddJaegerTracingSource(this IServiceCollection services, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("An activity source name, a trailing * for a prefix, or * for all.", nameof(name));
        if (!services.Any(d => d.ImplementationInstance is ActivitySourceRegistration r && r.Name == name))
            services.AddSingleton(new ActivitySourceRegistration(name));
        return services;
    }
}
