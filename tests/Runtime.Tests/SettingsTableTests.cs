using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The settings table: every <c>JAEGER_*</c> variable and configuration key has a row, and
/// <see cref="TracerConfiguration.ApplySettings"/> names the key a rejected value came from while
/// the property still holds it.
/// </summary>
public sealed class SettingsTableTests
{
    /// <summary>The keys users write under <c>Jaeger</c>: renaming one breaks their configuration.</summary>
    private static readonly string[] Keys =
    [
        "ServiceName", "Disabled", "TraceId128Bit", "Propagation", "CodeTagsOnActivity", "Tags",
        "Sampler:Type", "Sampler:Param", "Sampler:SamplingEndpoint", "Sampler:RefreshInterval", "Sampler:MaxOperations",
        "Reporter:LogSpans", "Reporter:ExceptionMessages", "Reporter:BufferFlushInterval", "Reporter:MaxQueueSize",
        "Reporter:MaxPacketSize", "Reporter:MaxTagValueLength", "Reporter:CloseTimeout", "Reporter:ErrorLogInterval",
        "Sender:AgentHost", "Sender:AgentPort", "Sender:Endpoint", "Sender:User", "Sender:Password", "Sender:AuthToken",
        "Sender:MaxHttpBodySize", "Sender:HttpTimeout",
    ];

    [Fact]
    public void Every_variable_and_key_has_exactly_one_row()
    {
        var declared = typeof(EnvironmentVariableNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).OrderBy(n => n, StringComparer.Ordinal);
        var variables = Settings.All.Select(s => s.Variable).OfType<string>().OrderBy(n => n, StringComparer.Ordinal);
        var keys = Settings.All.Select(s => s.Key).OfType<string>().OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(declared, variables);
        Assert.Equal(Keys.OrderBy(k => k, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void ApplySettings_refuses_a_missing_lookup_or_prefix_by_name()
    {
        var config = new TracerConfiguration("settings");
        Assert.Equal("lookup", Assert.Throws<ArgumentNullException>(() => config.ApplySettings(null!, "Jaeger")).ParamName);
        Assert.Equal("sourcePrefix", Assert.Throws<ArgumentNullException>(() => config.ApplySettings(_ => null, null!)).ParamName);
    }

    [Fact]
    public void A_bad_key_value_names_the_key_under_the_prefix()
    {
        var config = new TracerConfiguration("keys");

        var error = Assert.Throws<InvalidTracerSettingException>(() => config.ApplySettings(Lookup(("Sampler:RefreshInterval", "often")), "App:Jaeger"));

        Assert.Equal("App:Jaeger:Sampler:RefreshInterval", error.Setting);
        Assert.Equal("often", error.Value);
    }

    [Fact]
    public void A_rejected_value_is_named_by_its_key_until_code_or_a_variable_changes_it()
    {
        Assert.Equal("Jaeger:Sampler:Param", Rejected(c => { }));
        Assert.Equal("Sampler.Param (JAEGER_SAMPLER_PARAM)", Rejected(c => c.Sampler.Param = 3));
        Assert.Equal("Sampler.Param (JAEGER_SAMPLER_PARAM)", Rejected(c => c.WithEnvironmentOverrides(name => name == EnvironmentVariableNames.SamplerParam ? "2" : null)));

        static string Rejected(Action<TracerConfiguration> after)
        {
            var config = new TracerConfiguration("keys").ApplySettings(Lookup(("Sampler:Type", "probabilistic"), ("Sampler:Param", "2")), "Jaeger");
            after(config);
            return Assert.Throws<InvalidTracerSettingException>(() => config.Start().Dispose()).Setting;
        }
    }

    [Fact]
    public void Keys_are_read_as_the_variables_are()
    {
        var config = new TracerConfiguration("keys").ApplySettings(
            Lookup(("Reporter:CloseTimeout", " 0 "), ("Sender:HttpTimeout", "1m30s"), ("Propagation", "w3c"), ("Sender:User", "   ")), "Jaeger");

        Assert.Equal(TimeSpan.Zero, config.Reporter.CloseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Sender.HttpTimeout);
        Assert.Equal(PropagationFormats.W3C, config.Propagation);
        Assert.Null(config.Sender.User); // white space is unset
    }

    private static Func<string, string?> Lookup(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;
}
