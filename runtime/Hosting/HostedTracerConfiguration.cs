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
    /// Defaults, service name = the application name, the <c>Jaeger</c> section, the sources that
    /// packages registered, the code in <paramref name="configure"/>, then <c>JAEGER_*</c> variables
    /// (which win, as everywhere else). A value from the section that <see cref="TracerConfiguration.Start"/>
    /// rejects is named by its key while no later layer changed it.
    /// </summary>
    public static TracerConfiguration Create(IServiceProvider services, IConfiguration? configuration, Action<TracerConfiguration>? configure)
    {
        var config = new TracerConfiguration(services.GetService<IHostEnvironment>()?.ApplicationName ?? string.Empty)
        {
            LoggerFactory = services.GetService<ILoggerFactory>(),
        };

        if (Section(services, configuration) is { } section) TracerConfigurationBinder.Bind(section, config);
        foreach (var registration in services.GetServices<ActivitySourceRegistration>())
        {
            if (!config.Sources.Contains(registration.Name)) config.Sources.Add(registration.Name);
        }

        configure?.Invoke(config);
        return config.WithEnvironmentOverrides();
    }

    /// <summary>
    /// The <c>Jaeger</c> section of <paramref name="configuration"/>, or of the host's configuration
    /// when null. A section passed in that has no <c>Jaeger</c> child is the tracer's section itself
    /// (<c>AddJaegerTracing(configuration.GetSection("Jaeger"))</c> read <c>Jaeger:Jaeger</c>, and
    /// silently nothing).
    /// </summary>
    private static IConfigurationSection? Section(IServiceProvider services, IConfiguration? configuration)
    {
        if (configuration is IConfigurationSection given && !given.GetSection(SectionName).Exists()) return given;
        return (configuration ?? services.GetService<IConfiguration>())?.GetSection(SectionName);
    }
}
