using System;
using N = Instrumentation.EnvironmentVariableNames;

namespace Instrumentation;

/// <summary>Applies the <c>JAEGER_*</c> variables that are set (non-empty) on top of a configuration.</summary>
internal static class EnvironmentOverrides
{
    public static void Apply(TracerConfiguration config, Func<string, string?> lookup)
    {
        string? Get(string name)
        {
            var value = lookup(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        if (Get(N.ServiceName) is { } service) config.ServiceName = service;
        if (Get(N.Disabled) is { } disabled) config.Disabled = SettingParser.Bool(N.Disabled, disabled);

        if (Get(N.SamplerType) is { } samplerType) config.Sampler.Type = samplerType;
        if (Get(N.SamplerParam) is { } samplerParam) config.Sampler.Param = SettingParser.Double(N.SamplerParam, samplerParam);
        // As jaeger-client-go: the older host:port form first, the full URL over it.
        if (Get(N.SamplerManagerHostPort) is { } hostPort) config.Sampler.SamplingEndpoint = SettingParser.HttpUri(N.SamplerManagerHostPort, "http://" + hostPort + "/sampling");
        if (Get(N.SamplingEndpoint) is { } samplingEndpoint) config.Sampler.SamplingEndpoint = SettingParser.HttpUri(N.SamplingEndpoint, samplingEndpoint);
        if (Get(N.SamplerRefreshInterval) is { } refresh) config.Sampler.RefreshInterval = SettingParser.Duration(N.SamplerRefreshInterval, refresh);
        if (Get(N.SamplerMaxOperations) is { } maxOperations) config.Sampler.MaxOperations = SettingParser.PositiveInt(N.SamplerMaxOperations, maxOperations);

        if (Get(N.ReporterLogSpans) is { } logSpans) config.Reporter.LogSpans = SettingParser.Bool(N.ReporterLogSpans, logSpans);
        if (Get(N.ReporterMaxQueueSize) is { } queue) config.Reporter.MaxQueueSize = SettingParser.QueueSize(N.ReporterMaxQueueSize, queue);
        if (Get(N.ReporterExceptionMessages) is { } messages) config.Reporter.ExceptionMessages = SettingParser.Bool(N.ReporterExceptionMessages, messages);
        if (Get(N.ReporterFlushInterval) is { } flush) config.Reporter.BufferFlushInterval = SettingParser.Duration(N.ReporterFlushInterval, flush);

        if (Get(N.AgentHost) is { } host) config.Sender.AgentHost = host;
        if (Get(N.AgentPort) is { } port) config.Sender.AgentPort = SettingParser.Port(N.AgentPort, port);
        if (Get(N.Endpoint) is { } endpoint) config.Sender.Endpoint = SettingParser.HttpUri(N.Endpoint, endpoint);
        if (Get(N.User) is { } user) config.Sender.User = user;
        if (Get(N.Password) is { } password) config.Sender.Password = password;
        if (Get(N.AuthToken) is { } token) config.Sender.AuthToken = token;

        if (Get(N.Tags) is { } tags)
        {
            foreach (var pair in SettingParser.Tags(N.Tags, tags, lookup)) config.Tags[pair.Key] = pair.Value;
        }

        if (Get(N.TraceId128Bit) is { } wide) config.TraceId128Bit = SettingParser.Bool(N.TraceId128Bit, wide);
        if (Get(N.Propagation) is { } propagation) config.Propagation = SettingParser.Propagation(N.Propagation, propagation);
    }
}
