using System;
using System.Collections.Generic;
using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace Instrumentation;

/// <summary>
/// Everything a tracer needs, built in code and optionally overridden by <c>JAEGER_*</c>
/// environment variables (<see cref="WithEnvironmentOverrides"/>). <see cref="Start"/> validates it
/// and returns the running <see cref="Tracer"/>; dispose that to flush and stop.
/// </summary>
public sealed class TracerConfiguration
{
    /// <summary>Creates a configuration for <paramref name="serviceName"/> with Jaeger's defaults.</summary>
    public TracerConfiguration(string serviceName) => ServiceName = serviceName;

    /// <summary>The service name shown in the Jaeger UI (<c>JAEGER_SERVICE_NAME</c>).</summary>
    public string ServiceName { get; set; }

    /// <summary>Sampling of root spans.</summary>
    public SamplerConfiguration Sampler { get; } = new();

    /// <summary>Queueing, flushing and span logging.</summary>
    public ReporterConfiguration Reporter { get; } = new();

    /// <summary>Agent (UDP) or collector (HTTP) address.</summary>
    public SenderConfiguration Sender { get; } = new();

    /// <summary>Process tags sent with every batch (<c>JAEGER_TAGS</c>).</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// 128-bit trace ids (default, as W3C and .NET use). False makes new traces use 64-bit ids
    /// (the high half zero) for old Jaeger back ends (<c>JAEGER_TRACEID_128BIT</c>).
    /// </summary>
    public bool TraceId128Bit { get; set; } = true;

    /// <summary>When true, <see cref="Start"/> returns a tracer that listens to nothing (<c>JAEGER_DISABLED</c>).</summary>
    public bool Disabled { get; set; }

    /// <summary>Trace-context formats for propagation (<c>JAEGER_PROPAGATION</c>); both by default.</summary>
    public PropagationFormats Propagation { get; set; } = PropagationFormats.W3C | PropagationFormats.Jaeger;

    /// <summary>
    /// Activity sources to trace besides those of <c>[Traced]</c> code, by name, for example
    /// <c>System.Net.Http</c> or <c>Microsoft.AspNetCore</c>. A trailing <c>*</c> matches a prefix;
    /// <c>*</c> alone matches every source.
    /// </summary>
    public IList<string> Sources { get; } = new List<string>();

    /// <summary>
    /// Whether <c>[Traced]</c> spans also carry their <c>code.function.name</c>/<c>code.file.path</c>/
    /// <c>code.line.number</c> tags on the <see cref="System.Diagnostics.Activity"/>. By default (false)
    /// a running tracer writes them into the spans it reports from one copy per method, which saves
    /// every span three tag objects; set true when another listener of the same spans (an OpenTelemetry
    /// exporter) should show them too. Without a running tracer they are always on the Activity.
    /// Configuration key <c>CodeTagsOnActivity</c>.
    /// </summary>
    public bool CodeTagsOnActivity { get; set; }

    /// <summary>Where span lines (<see cref="ReporterConfiguration.LogSpans"/>) and reporter errors are logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Overrides the settings made in code with the <c>JAEGER_*</c> variables that are set.
    /// A malformed value throws <see cref="InvalidTracerSettingException"/> naming the variable.
    /// </summary>
    /// <param name="lookup">Reads a variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    public TracerConfiguration WithEnvironmentOverrides(Func<string, string?>? lookup = null)
    {
        SettingSources.ApplyVariables(this, lookup ?? Environment.GetEnvironmentVariable);
        return this;
    }

    /// <summary>
    /// For configuration binders (Instrumentation.Hosting's <c>AddJaegerTracing</c>): sets every
    /// setting whose key (<c>Sampler:Param</c>, <c>Reporter:BufferFlushInterval</c>, ...) has a value,
    /// read as the <c>JAEGER_*</c> variables are. A bad value throws <see cref="InvalidTracerSettingException"/>
    /// naming the key under <paramref name="sourcePrefix"/> (<c>Jaeger:Sampler:Param</c>), here or at
    /// <see cref="Start"/> while the setting still holds the value read.
    /// </summary>
    /// <param name="lookup">Reads a key's value; null or white space leaves the setting alone.</param>
    /// <param name="sourcePrefix">The section's path, such as <c>Jaeger</c>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public TracerConfiguration ApplySettings(Func<string, string?> lookup, string sourcePrefix)
    {
        if (lookup is null) throw new ArgumentNullException(nameof(lookup));
        if (sourcePrefix is null) throw new ArgumentNullException(nameof(sourcePrefix));
        SettingSources.ApplyKeys(this, lookup, sourcePrefix);
        return this;
    }

    /// <summary>
    /// The configuration key each property was last read from, with the value read: validation names
    /// the key while the property still holds that value. Variables and code are named by the property.
    /// </summary>
    internal Dictionary<string, (string Source, object? Value)> KeySources { get; } = new(StringComparer.Ordinal);

    /// <summary>A configuration made from <c>JAEGER_*</c> variables alone (Go's <c>FromEnv</c>).</summary>
    public static TracerConfiguration FromEnvironment(Func<string, string?>? lookup = null) =>
        new TracerConfiguration(string.Empty).WithEnvironmentOverrides(lookup);

    /// <summary>Validates the settings and starts listening and reporting. Dispose the result to flush and stop.</summary>
    /// <exception cref="InvalidTracerSettingException">A setting has a value that cannot be used.</exception>
    public Tracer Start()
    {
        TracerConfigurationValidator.Validate(this);
        return Tracer.Start(this);
    }
}
