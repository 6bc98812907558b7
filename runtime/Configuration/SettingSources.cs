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
