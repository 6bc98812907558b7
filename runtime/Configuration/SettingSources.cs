using System;

namespace Instrumentation;

/// <summary>Reads <see cref="Settings"/> from <c>JAEGER_*</c> variables or configuration keys; set values only (empty text is unset).</summary>
internal static class SettingSources
{
    /// <summary>A bad text names its variable; a value rejected later names the property and its variable.</summary>
    public static void ApplyVariables(TracerConfiguration config, Func<string, string?> lookup)
    {
        foreach (var setting in Settings.All)
        {
            if (setting.Variable is not { } variable || Read(lookup, variable) is not { } text) continue;
            setting.Apply(config, text, variable, lookup);
            config.KeySources.Remove(setting.Property);
        }

        // As jaeger-client-go reads them: with neither sampling variable set, the sampling endpoint is
        // the agent's own (port 5778) on JAEGER_AGENT_HOST, so a remote sampler beside a moved agent
        // (a Kubernetes node's agent at $(HOST_IP)) asks that agent, not 127.0.0.1.
        if (Read(lookup, EnvironmentVariableNames.SamplingEndpoint) is null &&
            Read(lookup, EnvironmentVariableNames.SamplerManagerHostPort) is null &&
            Read(lookup, EnvironmentVariableNames.AgentHost) is { } host &&
            AgentSamplingEndpoint(host) is { } endpoint)
        {
            config.Sampler.SamplingEndpoint = endpoint;
        }
    }

    /// <summary><c>http://{host}:5778/sampling</c>; null for a host no URL can hold (the agent host's own check then names it).</summary>
    private static Uri? AgentSamplingEndpoint(string host)
    {
        var bracketed = host.IndexOf(':') >= 0 && !host.StartsWith("[", StringComparison.Ordinal) ? "[" + host + "]" : host;
        return Uri.TryCreate($"http://{bracketed}:{SamplerConfiguration.DefaultSamplingEndpoint.Port}/sampling", UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>
    /// A bad text names its key under <paramref name="prefix"/> (<c>Jaeger:Sampler:Param</c>); the key
    /// is noted with the value it gave, so a value that validation rejects later is named by it too.
    /// </summary>
    public static void ApplyKeys(TracerConfiguration config, Func<string, string?> lookup, string prefix)
    {
        foreach (var setting in Settings.All)
        {
            if (setting.Key is not { } key || Read(lookup, key) is not { } text) continue;
            var source = prefix.Length == 0 ? key : prefix + ":" + key;
            setting.Apply(config, text, source, lookup);
            config.KeySources[setting.Property] = (source, setting.Current(config));
        }
    }

    private static string? Read(Func<string, string?> lookup, string name)
    {
        var value = lookup(name);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
