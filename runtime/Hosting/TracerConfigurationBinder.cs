using Microsoft.Extensions.Configuration;

namespace Instrumentation.Hosting;

/// <summary>
/// Reads a configuration section (normally <c>Jaeger</c>) into a <see cref="TracerConfiguration"/>.
/// Keys mirror the property names (<c>Sampler:Type</c>, <c>Reporter:BufferFlushInterval</c>,
/// <c>Sender:AgentPort</c>, <c>Sources:0</c>, <c>Tags:region</c>, ...). The runtime's settings table
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
