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

    /// <summary>A configuration property (such as <c>Sampler.Type</c>) rejected by validation, with its variable if it has one.</summary>
    internal InvalidTracerSettingException(string property, string? variable, string? value, string accepted)
        : this(variable is null ? property : $"{property} ({variable})", value, accepted)
    {
    }

    /// <summary>
    /// The setting's name: the <c>JAEGER_*</c> variable or configuration key (<c>Jaeger:Sampler:Param</c>)
    /// the value came from, else the property path and, where one exists, its variable.
    /// </summary>
    public string Setting { get; }

    /// <summary>The rejected value as text.</summary>
    public string? Value { get; }

    /// <summary>What the setting accepts.</summary>
    public string Accepted { get; }
}
