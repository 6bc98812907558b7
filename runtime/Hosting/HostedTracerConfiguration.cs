using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Hosting;

/// <summary>Builds the host's tracer configuration, each layer overriding the one before.</summary>
internal static class HostedTracerConfiguration
{
    /// <summary>The configuration section read by default.</summary>
    public const string SectionName = "Jaeger";

    /// <summary>
    /// Defaults, service name = the application name, the <c>Jaeger</c> section, the code in
    /// <paramref name="configure"/>, then <c>JAEGER_*</c> variables (which win, as everywhere else).
    /// </summary>
    public static TracerConfiguration Create(IServiceProvider services, IConfiguration? configuration, Action<TracerConfiguration>? configure)
    {
        var config = new TracerConfiguration(services.GetService<IHostEnvironment>()?.ApplicationName ?? string.Empty)
        {
            LoggerFactory = services.GetService<ILoggerFactory>(),
        };

        configuration ??= services.GetService<IConfiguration>();
        if (configuration is not null) TracerConfigurationBinder.Bind(configuration.GetSection(SectionName), config);

        configure?.Invoke(config);
        return config.WithEnvironmentOverrides();
    }
}
