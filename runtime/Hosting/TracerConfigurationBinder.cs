using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Instrumentation.Hosting;

/// <summary>
/// Reads a configuration section (normally <c>Jaeger</c>) into a <see cref="TracerConfiguration"/>.
/// Keys mirror the property names (<c>Sampler:Type</c>, <c>Reporter:BufferFlushInterval</c>,
/// <c>Sender:AgentPort</c>, <c>Sources:0</c>, <c>Tags:region</c>, ...). Values are parsed by the same
/// rules as the <c>JAEGER_*</c> variables (durations as <c>1s</c>, <c>500ms</c>, milliseconds, or
/// <c>00:00:01</c>), and a bad one throws <see cref="InvalidTracerSettingException"/> naming its key,
/// rather than the binder's generic conversion error.
/// </summary>
internal static class TracerConfigurationBinder
{
    public static void Bind(IConfigurationSection section, TracerConfiguration config)
    {
        void Text(string key, Action<string> set)
        {
            var value = section[key];
            if (!string.IsNullOrWhiteSpace(value)) set(value!.Trim());
        }

        string Name(string key) => $"{section.Path}:{key}";

        Text("ServiceName", v => config.ServiceName = v);
        Text("Disabled", v => config.Disabled = SettingParser.Bool(Name("Disabled"), v));
        Text("TraceId128Bit", v => config.TraceId128Bit = SettingParser.Bool(Name("TraceId128Bit"), v));
        Text("Propagation", v => config.Propagation = SettingParser.Propagation(Name("Propagation"), v));
        Text("CodeTagsOnActivity", v => config.CodeTagsOnActivity = SettingParser.Bool(Name("CodeTagsOnActivity"), v));

        Text("Sampler:Type", v => config.Sampler.Type = v);
        Text("Sampler:Param", v => config.Sampler.Param = SettingParser.Double(Name("Sampler:Param"), v));
        Text("Sampler:SamplingEndpoint", v => config.Sampler.SamplingEndpoint = SettingParser.HttpUri(Name("Sampler:SamplingEndpoint"), v));
        Text("Sampler:RefreshInterval", v => config.Sampler.RefreshInterval = SettingParser.Duration(Name("Sampler:RefreshInterval"), v));
        Text("Sampler:MaxOperations", v => config.Sampler.MaxOperations = SettingParser.PositiveInt(Name("Sampler:MaxOperations"), v));

        var reporter = config.Reporter;
        Text("Reporter:LogSpans", v => reporter.LogSpans = SettingParser.Bool(Name("Reporter:LogSpans"), v));
        Text("Reporter:ExceptionMessages", v => reporter.ExceptionMessages = SettingParser.Bool(Name("Reporter:ExceptionMessages"), v));
        Text("Reporter:BufferFlushInterval", v => reporter.BufferFlushInterval = SettingParser.Duration(Name("Reporter:BufferFlushInterval"), v));
        Text("Reporter:MaxQueueSize", v => reporter.MaxQueueSize = SettingParser.QueueSize(Name("Reporter:MaxQueueSize"), v));
        Text("Reporter:MaxPacketSize", v => reporter.MaxPacketSize = SettingParser.PositiveInt(Name("Reporter:MaxPacketSize"), v));
        Text("Reporter:MaxTagValueLength", v => reporter.MaxTagValueLength = SettingParser.PositiveInt(Name("Reporter:MaxTagValueLength"), v));
        // Zero is meaningful for these two: do not wait at close; log every error.
        Text("Reporter:CloseTimeout", v => reporter.CloseTimeout = SettingParser.Duration(Name("Reporter:CloseTimeout"), v, allowZero: true));
        Text("Reporter:ErrorLogInterval", v => reporter.ErrorLogInterval = SettingParser.Duration(Name("Reporter:ErrorLogInterval"), v, allowZero: true));

        var sender = config.Sender;
        Text("Sender:AgentHost", v => sender.AgentHost = v);
        Text("Sender:AgentPort", v => sender.AgentPort = SettingParser.Port(Name("Sender:AgentPort"), v));
        Text("Sender:Endpoint", v => sender.Endpoint = SettingParser.HttpUri(Name("Sender:Endpoint"), v));
        Text("Sender:User", v => sender.User = v);
        Text("Sender:Password", v => sender.Password = v);
        Text("Sender:AuthToken", v => sender.AuthToken = v);
        Text("Sender:MaxHttpBodySize", v => sender.MaxHttpBodySize = SettingParser.PositiveInt(Name("Sender:MaxHttpBodySize"), v));
        Text("Sender:HttpTimeout", v => sender.HttpTimeout = SettingParser.Duration(Name("Sender:HttpTimeout"), v));

        // Lists come from configuration as children 0, 1, ...; add them to what code already chose.
        foreach (var source in section.GetSection("Sources").GetChildren())
        {
            if (source.Value is { } name && !config.Sources.Contains(name)) config.Sources.Add(name);
        }

        foreach (var tag in section.GetSection("Tags").GetChildren())
        {
            if (tag.Value is { } value) config.Tags[tag.Key] = value;
        }
    }
}
