using System.Linq;
using Microsoft.Extensions.Configuration;

namespace Instrumentation.Hosting;

/// <summary>
/// Reads a configuration section (normally <c>Jaeger</c>) into a <see cref="TracerConfiguration"/>.
/// Keys mirror the property names (<c>Sampler:Type</c>, <c>Reporter:BufferFlushInterval</c>,
/// <c>Sender:AgentPort</c>, <c>Sources:0</c> or <c>Sources</c> = <c>A,B</c>, <c>Tags:region</c> or <c>Tags</c> =
/// <c>region=eu,zone=a</c>, ...). The runtime's settings table
/// reads the scalar keys by the same rules as the <c>JAEGER_*</c> variables (durations as <c>1s</c>,
/// <c>500ms</c>, milliseconds, or <c>00:00:01</c>), and a bad value throws
/// <see cref="InvalidTracerSettingException"/> naming its key, rather than the binder's generic
/// conversion error.
/// </summary>
internal static class TracerConfigurationBinder
{
    public static void Bind(IConfigurationSection section, TracerConfiguration config)
    {
        config.ApplySettings(key => section[key], section.Path);

        // Lists come from configuration as children 0, 1, ..., or as one comma-separated value (an environment
        // variable Jaeger__Sources=A,B); add them to what code already chose.
        var sources = section.GetSection("Sources");
        foreach (var name in (sources.Value?.Split(',') ?? []).Concat(sources.GetChildren().Select(s => s.Value)))
        {
            if (name?.Trim() is { Length: > 0 } trimmed && !config.Sources.Contains(trimmed)) config.Sources.Add(trimmed);
        }

        foreach (var tag in section.GetSection("Tags").GetChildren())
        {
            if (tag.Value is { } value) config.Tags[tag.Key] = value;
        }
    }
}
