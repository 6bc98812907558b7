using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.Hosting.Tests;

/// <summary>A generic host as an app builds one, with in-memory configuration and AddJaegerTracing.</summary>
public static class HostFactory
{
    public static IHost Build(IDictionary<string, string?> settings, string applicationName = "hosting-tests", Action<TracerConfiguration>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = applicationName, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddJaegerTracing(configure: configure);
        return builder.Build();
    }

    /// <summary>Settings that send to <paramref name="agentPort"/>, flushing only when the host stops.</summary>
    public static Dictionary<string, string?> To(int agentPort, string source) => new()
    {
        ["Jaeger:Sender:AgentHost"] = "127.0.0.1",
        ["Jaeger:Sender:AgentPort"] = agentPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jaeger:Reporter:BufferFlushInterval"] = "1h",
        ["Jaeger:Sources:0"] = source,
    };
}
