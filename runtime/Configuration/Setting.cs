using System;
using System.Collections.Generic;

namespace Instrumentation;

/// <summary>
/// One row of <see cref="Settings"/>: a setting's property path (which names it in messages), its
/// <c>JAEGER_*</c> variable and configuration key (either may be absent), and how its text is
/// parsed and applied and its value checked.
/// </summary>
internal abstract class Setting(string property, string? variable, bool hasKey)
{
    /// <summary>The property path, such as <c>Sampler.Param</c>.</summary>
    public string Property { get; } = property;

    public string? Variable { get; } = variable;

    /// <summary>The configuration key (<c>Sampler:Param</c>); null when only a variable sets it.</summary>
    public string? Key { get; } = hasKey ? property.Replace('.', ':') : null;

    /// <summary>
    /// Parses <paramref name="text"/> onto the property; a bad text throws naming <paramref name="source"/>.
    /// <paramref name="lookup"/> reads other variables, for values that name one (<c>JAEGER_TAGS</c>).
    /// </summary>
    public abstract void Apply(TracerConfiguration config, string text, string source, Func<string, string?> lookup);

    /// <summary>Throws when the property's value cannot be used.</summary>
    public abstract void Check(TracerConfiguration config);

    /// <summary>The property's value, to tell whether it is still the one a configuration key gave.</summary>
    public abstract object? Current(TracerConfiguration config);

    /// <summary>
    /// Rejects the property's value, named by the configuration key it came from while it still
    /// holds that value (code may have changed it since), else by the property and its variable.
    /// </summary>
    public void Fail(TracerConfiguration config, string? shown, string accepted)
    {
        if (config.KeySources.TryGetValue(Property, out var from) && Equals(from.Value, Current(config)))
            throw new InvalidTracerSettingException(from.Source, shown, accepted);
        throw new InvalidTracerSettingException(Property, Variable, shown, accepted);
    }
}

/// <summary>A setting of type <typeparamref name="T"/>.</summary>
internal sealed class Setting<T>(
    string property,
    string? variable,
    bool hasKey,
    SettingFormat<T> format,
    Func<TracerConfiguration, T> get,
    Action<TracerConfiguration, T> set,
    Func<TracerConfiguration, T, string?>? check)
    : Setting(property, variable, hasKey)
{
    public override void Apply(TracerConfiguration config, string text, string source, Func<string, string?> lookup) =>
        set(config, format.Parse(source, text, lookup));

    public override void Check(TracerConfiguration config)
    {
        var value = get(config);
        if (check?.Invoke(config, value) is { } accepted) Fail(config, format.Show(value), accepted);
    }

    public override object? Current(TracerConfiguration config) => get(config);
}
