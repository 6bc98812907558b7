using System;

namespace Instrumentation;

/// <summary>
/// Thrown by <see cref="TracerConfiguration.Start"/> (or while reading <c>JAEGER_*</c> variables)
/// when a setting has a value the tracer cannot use. The message names the setting, the value
/// and what is accepted.
/// </summary>
public sealed class InvalidTracerSettingException : ArgumentException
{
    internal InvalidTracerSettingException(string setting, string? value, string accepted)
        : base($"Invalid tracer setting {setting} = '{value ?? "<null>"}'. Accepted: {accepted}.")
    {
        Setting = setting;
        Value = value;
        Accepted = accepted;
    }

    /// <summary>The setting's name: the property path and, where one exists, its <c>JAEGER_*</c> variable.</summary>
    public string Setting { get; }

    /// <summary>The rejected value as text.</summary>
    public string? Value { get; }

    /// <summary>What the setting accepts.</summary>
    public string Accepted { get; }
}
