using System;
using System.Collections.Generic;
using C = Instrumentation.SettingChecks;
using F = Instrumentation.SettingFormats;
using N = Instrumentation.EnvironmentVariableNames;

namespace Instrumentation;

/// <summary>
/// Every tracer setting, one row each: property path, <c>JAEGER_*</c> variable, format, the property
/// itself, and its check. <see cref="SettingSources"/> reads variables and configuration keys through
/// it and <see cref="TracerConfigurationValidator"/> runs its checks, in this order.
/// </summary>
internal static class Settings
{
    // First: the rows below add themselves as they are initialized, in the order they are written.
    private static readonly List<Setting> Rows = [];

    public static IReadOnlyList<Setting> All => Rows;

    public static readonly Setting ServiceName = Row("ServiceName", N.ServiceName, F.Text, c => c.ServiceName, (c, v) => c.ServiceName = v, C.ServiceName);
    public static readonly Setting Disabled = Row("Disabled", N.Disabled, F.Bool, c => c.Disabled, (c, v) => c.Disabled = v);

    public static readonly Setting SamplerType = Row("Sampler.Type", N.SamplerType, F.Text, c => c.Sampler.Type, (c, v) => c.Sampler.Type = v, C.SamplerType);
    public static readonly Setting SamplerParam = Row("Sampler.Param", N.SamplerParam, F.Number, c => c.Sampler.Param, (c, v) => c.Sampler.Param = v, C.SamplerParam);
    // As jaeger-client-go: the older host:port form first, the full URL (next row) over it.
    public static readonly Setting SamplerManagerHostPort = Row("Sampler.SamplingEndpoint", N.SamplerManagerHostPort, F.SamplingHostPort, c => c.Sampler.SamplingEndpoint, (c, v) => c.Sampler.SamplingEndpoint = v!, hasKey: false);
    public static readonly Setting SamplingEndpoint = Row("Sampler.SamplingEndpoint", N.SamplingEndpoint, F.HttpUrl, c => c.Sampler.SamplingEndpoint, (c, v) => c.Sampler.SamplingEndpoint = v!, C.SamplingEndpoint);
    public static readonly Setting SamplerRefreshInterval = Row("Sampler.RefreshInterval", N.SamplerRefreshInterval, F.Duration, c => c.Sampler.RefreshInterval, (c, v) => c.Sampler.RefreshInterval = v, C.RefreshInterval);
    public static readonly Setting SamplerMaxOperations = Row("Sampler.MaxOperations", N.SamplerMaxOperations, F.Count, c => c.Sampler.MaxOperations, (c, v) => c.Sampler.MaxOperations = v, C.MaxOperations);

    public static readonly Setting LogSpans = Row("Reporter.LogSpans", N.ReporterLogSpans, F.Bool, c => c.Reporter.LogSpans, (c, v) => c.Reporter.LogSpans = v);
    public static readonly Setting BufferFlushInterval = Row("Reporter.BufferFlushInterval", N.ReporterFlushInterval, F.Duration, c => c.Reporter.BufferFlushInterval, (c, v) => c.Reporter.BufferFlushInterval = v, (_, v) => v < C.MinFlushInterval ? "a positive duration of at least 1 ms" : null);
    public static readonly Setting MaxQueueSize = Row("Reporter.MaxQueueSize", N.ReporterMaxQueueSize, F.QueueSize, c => c.Reporter.MaxQueueSize, (c, v) => c.Reporter.MaxQueueSize = v, (_, v) => v is <= 0 or > C.MaxQueueSizeLimit ? $"a whole number from 1 to {C.MaxQueueSizeLimit}" : null);
    public static readonly Setting ExceptionMessages = Row("Reporter.ExceptionMessages", N.ReporterExceptionMessages, F.Bool, c => c.Reporter.ExceptionMessages, (c, v) => c.Reporter.ExceptionMessages = v);
    public static readonly Setting MaxPacketSize = Row("Reporter.MaxPacketSize", null, F.Count, c => c.Reporter.MaxPacketSize, (c, v) => c.Reporter.MaxPacketSize = v, (_, v) => v is < C.MinPacketSize or > C.MaxUdpPayload ? $"{C.MinPacketSize} to {C.MaxUdpPayload} bytes (65000 is the agent's default)" : null);
    public static readonly Setting MaxTagValueLength = Row("Reporter.MaxTagValueLength", null, F.Count, c => c.Reporter.MaxTagValueLength, (c, v) => c.Reporter.MaxTagValueLength = v, (_, v) => v < 16 ? "at least 16 bytes" : null);
    // Zero is meaningful for these two: do not wait at close; log every error.
    public static readonly Setting CloseTimeout = Row("Reporter.CloseTimeout", null, F.DurationOrZero, c => c.Reporter.CloseTimeout, (c, v) => c.Reporter.CloseTimeout = v, (_, v) => v < TimeSpan.Zero ? "zero or a positive duration" : null);
    public static readonly Setting ErrorLogInterval = Row("Reporter.ErrorLogInterval", null, F.DurationOrZero, c => c.Reporter.ErrorLogInterval, (c, v) => c.Reporter.ErrorLogInterval = v, (_, v) => v < TimeSpan.Zero ? "zero or a positive duration" : null);

    public static readonly Setting AgentHost = Row("Sender.AgentHost", N.AgentHost, F.Text, c => c.Sender.AgentHost, (c, v) => c.Sender.AgentHost = v, C.AgentHost);
    public static readonly Setting AgentPort = Row("Sender.AgentPort", N.AgentPort, F.Port, c => c.Sender.AgentPort, (c, v) => c.Sender.AgentPort = v, C.AgentPort);
    public static readonly Setting Endpoint = Row("Sender.Endpoint", N.Endpoint, F.HttpUrl, c => c.Sender.Endpoint, (c, v) => c.Sender.Endpoint = v, C.Endpoint);
    public static readonly Setting MaxHttpBodySize = Row("Sender.MaxHttpBodySize", null, F.Count, c => c.Sender.MaxHttpBodySize, (c, v) => c.Sender.MaxHttpBodySize = v, C.MaxHttpBodySize);
    public static readonly Setting HttpTimeout = Row("Sender.HttpTimeout", null, F.Duration, c => c.Sender.HttpTimeout, (c, v) => c.Sender.HttpTimeout = v, C.HttpTimeout);
    public static readonly Setting User = Row("Sender.User", N.User, F.Secret, c => c.Sender.User, (c, v) => c.Sender.User = v, C.User);
    public static readonly Setting Password = Row("Sender.Password", N.Password, F.Secret, c => c.Sender.Password, (c, v) => c.Sender.Password = v, C.Password);
    public static readonly Setting AuthToken = Row("Sender.AuthToken", N.AuthToken, F.Secret, c => c.Sender.AuthToken, (c, v) => c.Sender.AuthToken = v, C.AuthToken);

    // Configuration gives tags as children (Tags:region), which hosting binds itself, or as one JAEGER_TAGS-style
    // value (Jaeger:Tags=region=eu,zone=a; ${...} there names another key); either way they are added to the code's.
    public static readonly Setting Tags = Row("Tags", N.Tags, F.Tags, c => c.Tags, AddTags, C.Tags);
    public static readonly Setting TraceId128Bit = Row("TraceId128Bit", N.TraceId128Bit, F.Bool, c => c.TraceId128Bit, (c, v) => c.TraceId128Bit = v);
    public static readonly Setting Propagation = Row("Propagation", N.Propagation, F.Propagation, c => c.Propagation, (c, v) => c.Propagation = v, (_, v) => JaegerPropagation.IsValid(v) ? null : "Jaeger, W3C or both");
    public static readonly Setting CodeTagsOnActivity = Row("CodeTagsOnActivity", null, F.Bool, c => c.CodeTagsOnActivity, (c, v) => c.CodeTagsOnActivity = v);

    private static Setting Row<T>(
        string property,
        string? variable,
        SettingFormat<T> format,
        Func<TracerConfiguration, T> get,
        Action<TracerConfiguration, T> set,
        Func<TracerConfiguration, T, string?>? check = null,
        bool hasKey = true)
    {
        var row = new Setting<T>(property, variable, hasKey, format, get, set, check);
        Rows.Add(row);
        return row;
    }

    private static void AddTags(TracerConfiguration config, IEnumerable<KeyValuePair<string, string>> tags)
    {
        foreach (var pair in tags) config.Tags[pair.Key] = pair.Value;
    }
}
