using System;
using System.Globalization;
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
    /// (which win, as everywhere else).
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

    /// <summary>The <c>Jaeger</c> section of <paramref name="configuration"/>, or of the host's configuration when null.</summary>
    public static IConfigurationSection? Section(IServiceProvider services, IConfiguration? configuration) =>
        (configuration ?? services.GetService<IConfiguration>())?.GetSection(SectionName);

    /// <summary>
    /// Starts the tracer. A value that validation rejects is named by its configuration key when it
    /// came from the section (no variable overrode it and the section holds that value), so the
    /// message points where the user wrote it, not at a variable they never set.
    /// </summary>
    public static Tracer Start(TracerConfiguration config, IConfigurationSection? section, Func<string, string?> environment)
    {
        try
        {
            return config.Start();
        }
        catch (InvalidTracerSettingException e) when (e.Property is { } property && section is not null && FromSection(e, property, section, environment))
        {
            // No inner exception: it would name the property's variable, which the user never set.
            throw new InvalidTracerSettingException($"{section.Path}:{property.Replace('.', ':')}", e.Value, e.Accepted);
        }
    }

    private static bool FromSection(InvalidTracerSettingException e, string property, IConfigurationSection section, Func<string, string?> environment)
    {
        if (e.Variable is { } variable && !string.IsNullOrWhiteSpace(environment(variable))) return false;
        var written = section[property.Replace('.', ':')]?.Trim();
        if (string.IsNullOrEmpty(written)) return false;
        return string.Equals(written, e.Value, StringComparison.Ordinal) ||
            string.Equals(Redaction.UserInfo(written!), e.Value, StringComparison.Ordinal) ||
            (double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
             double.TryParse(e.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a.Equals(b));
    }
}
