using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Every <c>JAEGER_*</c> variable is read (through a lookup function, never the real process
/// environment) and overrides what code set; unset or empty variables leave code values alone.
/// </summary>
public sealed class EnvironmentVariableParsingTests
{
    /// <summary>One valid, non-default value for each variable.</summary>
    private static readonly Dictionary<string, string> SampleValues = new()
    {
        [EnvironmentVariableNames.ServiceName] = "env-service",
        [EnvironmentVariableNames.AgentHost] = "agent.example",
        [EnvironmentVariableNames.AgentPort] = "6832",
        [EnvironmentVariableNames.Endpoint] = "http://collector:14268/api/traces",
        [EnvironmentVariableNames.User] = "alice",
        [EnvironmentVariableNames.Password] = "s3cret",
        [EnvironmentVariableNames.AuthToken] = "token-1",
        [EnvironmentVariableNames.SamplerType] = "probabilistic",
        [EnvironmentVariableNames.SamplerParam] = "0.5",
        [EnvironmentVariableNames.SamplingEndpoint] = "http://agent.example:5778/sampling",
        [EnvironmentVariableNames.SamplerManagerHostPort] = "agent.example:5779",
        [EnvironmentVariableNames.SamplerRefreshInterval] = "30s",
        [EnvironmentVariableNames.SamplerMaxOperations] = "10",
        [EnvironmentVariableNames.ReporterLogSpans] = "true",
        [EnvironmentVariableNames.ReporterMaxQueueSize] = "500",
        [EnvironmentVariableNames.ReporterFlushInterval] = "250ms",
        [EnvironmentVariableNames.ReporterExceptionMessages] = "false",
        [EnvironmentVariableNames.Tags] = "team=payments",
        [EnvironmentVariableNames.TraceId128Bit] = "false",
        [EnvironmentVariableNames.Disabled] = "true",
        [EnvironmentVariableNames.Propagation] = "jaeger",
    };

    [Fact]
    public void Every_declared_variable_changes_the_configuration()
    {
        var declared = typeof(EnvironmentVariableNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.All(declared, name => Assert.StartsWith("JAEGER_", name, StringComparison.Ordinal));
        Assert.Equal(declared.OrderBy(n => n, StringComparer.Ordinal), SampleValues.Keys.OrderBy(n => n, StringComparer.Ordinal));

        var untouched = Describe(new TracerConfiguration("code-service"));
        foreach (var name in declared)
        {
            var changed = Describe(Apply((name, SampleValues[name])));
            Assert.True(untouched != changed, $"{name}={SampleValues[name]} left the configuration unchanged");
        }
    }

    [Fact]
    public void Service_agent_and_collector_settings_are_read()
    {
        var config = Apply(
            (EnvironmentVariableNames.ServiceName, "env-service"),
            (EnvironmentVariableNames.AgentHost, "agent.example"),
            (EnvironmentVariableNames.AgentPort, "6832"),
            (EnvironmentVariableNames.Endpoint, "https://collector.example:14268/api/traces"),
            (EnvironmentVariableNames.User, "alice"),
            (EnvironmentVariableNames.Password, "s3cret"),
            (EnvironmentVariableNames.AuthToken, "token-1"));

        Assert.Equal("env-service", config.ServiceName);
        Assert.Equal("agent.example", config.Sender.AgentHost);
        Assert.Equal(6832, config.Sender.AgentPort);
        Assert.Equal(new Uri("https://collector.example:14268/api/traces"), config.Sender.Endpoint);
        Assert.Equal("alice", config.Sender.User);
        Assert.Equal("s3cret", config.Sender.Password);
        Assert.Equal("token-1", config.Sender.AuthToken);
    }

    [Fact]
    public void FromEnvironment_builds_a_configuration_from_the_variables_alone()
    {
        var env = new Dictionary<string, string> { [EnvironmentVariableNames.ServiceName] = "only-env" };
        var config = TracerConfiguration.FromEnvironment(name => env.GetValueOrDefault(name));
        Assert.Equal("only-env", config.ServiceName);
        Assert.Equal("localhost", config.Sender.AgentHost);
        Assert.Equal(6831, config.Sender.AgentPort);
        Assert.Equal(SamplerTypes.Const, config.Sampler.Type);
        Assert.Equal(1, config.Sampler.Param);
    }

    [Theory]
    [InlineData("const", "0", 0.0)]
    [InlineData("const", "1", 1.0)]
    [InlineData("probabilistic", "0.1", 0.1)]
    [InlineData("probabilistic", "1e-3", 0.001)]
    [InlineData("ratelimiting", "2.5", 2.5)]
    public void Sampler_type_and_param_are_read(string type, string param, double expected)
    {
        var config = Apply((EnvironmentVariableNames.SamplerType, type), (EnvironmentVariableNames.SamplerParam, param));
        Assert.Equal(type, config.Sampler.Type);
        Assert.Equal(expected, config.Sampler.Param);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("t", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("f", false)]
    [InlineData("0", false)]
    public void Boolean_variables_accept_gos_spellings(string text, bool expected)
    {
        var code = new TracerConfiguration("code-service") { TraceId128Bit = !expected, Disabled = !expected };
        code.Reporter.LogSpans = !expected;
        var env = new Dictionary<string, string>
        {
            [EnvironmentVariableNames.ReporterLogSpans] = text,
            [EnvironmentVariableNames.TraceId128Bit] = text,
            [EnvironmentVariableNames.Disabled] = text,
        };
        code.WithEnvironmentOverrides(name => env.GetValueOrDefault(name));

        Assert.Equal(expected, code.Reporter.LogSpans);
        Assert.Equal(expected, code.TraceId128Bit);
        Assert.Equal(expected, code.Disabled);
    }

    [Fact]
    public void Max_queue_size_is_read()
    {
        Assert.Equal(500, Apply((EnvironmentVariableNames.ReporterMaxQueueSize, "500")).Reporter.MaxQueueSize);
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2500us", 2.5)]
    [InlineData("1000", 1000)]
    [InlineData("250", 250)]
    [InlineData("00:00:01", 1000)]
    [InlineData("00:01:30.5", 90_500)]
    public void Flush_interval_accepts_go_durations_plain_milliseconds_and_TimeSpan_text(string text, double expectedMs)
    {
        var config = Apply((EnvironmentVariableNames.ReporterFlushInterval, text));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), config.Reporter.BufferFlushInterval);
    }

    [Fact]
    public void Tags_take_values_from_other_variables_with_defaults()
    {
        var withVariable = Apply(
            (EnvironmentVariableNames.Tags, "k=v, k2=${POD_NAME:unknown-pod} ,k3=${EMPTY_ONE:fallback}"),
            ("POD_NAME", "pod-7"),
            ("EMPTY_ONE", ""));
        Assert.Equal("v", withVariable.Tags["k"]);
        Assert.Equal("pod-7", withVariable.Tags["k2"]);
        Assert.Equal("fallback", withVariable.Tags["k3"]);

        var withoutVariable = Apply((EnvironmentVariableNames.Tags, "k=v,k2=${POD_NAME:unknown-pod}"));
        Assert.Equal("v", withoutVariable.Tags["k"]);
        Assert.Equal("unknown-pod", withoutVariable.Tags["k2"]);
        Assert.Equal(2, withoutVariable.Tags.Count);
    }

    [Fact]
    public void Tags_from_the_environment_are_added_to_tags_from_code()
    {
        var config = new TracerConfiguration("code-service");
        config.Tags["region"] = "eu-1";
        config.Tags["team"] = "code-team";
        var env = new Dictionary<string, string> { [EnvironmentVariableNames.Tags] = "team=env-team,zone=b" };
        config.WithEnvironmentOverrides(name => env.GetValueOrDefault(name));

        Assert.Equal("eu-1", config.Tags["region"]);
        Assert.Equal("env-team", config.Tags["team"]);
        Assert.Equal("b", config.Tags["zone"]);
    }

    [Theory]
    [InlineData("jaeger", PropagationFormats.Jaeger)]
    [InlineData("w3c", PropagationFormats.W3C)]
    [InlineData("jaeger,w3c", PropagationFormats.Jaeger | PropagationFormats.W3C)]
    [InlineData("w3c, jaeger", PropagationFormats.Jaeger | PropagationFormats.W3C)]
    [InlineData("JAEGER", PropagationFormats.Jaeger)]
    public void Propagation_formats_are_read(string text, PropagationFormats expected)
    {
        Assert.Equal(expected, Apply((EnvironmentVariableNames.Propagation, text)).Propagation);
    }

    [Fact]
    public void Variables_override_code_values()
    {
        var config = new TracerConfiguration("code-service");
        config.Sender.AgentPort = 1234;
        config.Sampler.Type = SamplerTypes.Const;
        config.Sampler.Param = 0;
        var env = new Dictionary<string, string>
        {
            [EnvironmentVariableNames.AgentPort] = "6832",
            [EnvironmentVariableNames.SamplerParam] = "1",
        };
        config.WithEnvironmentOverrides(name => env.GetValueOrDefault(name));

        Assert.Equal(6832, config.Sender.AgentPort);
        Assert.Equal(1, config.Sampler.Param);
        Assert.Equal(SamplerTypes.Const, config.Sampler.Type);
        Assert.Equal("code-service", config.ServiceName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Unset_or_empty_variables_leave_code_values(string? value)
    {
        var config = new TracerConfiguration("code-service") { TraceId128Bit = false, Disabled = false, Propagation = PropagationFormats.W3C };
        config.Sender.AgentHost = "code-host";
        config.Sender.AgentPort = 1234;
        config.Sender.Endpoint = new Uri("http://code-collector/api/traces");
        config.Sender.User = "code-user";
        config.Sender.Password = "code-password";
        config.Sender.AuthToken = "code-token";
        config.Sampler.Type = SamplerTypes.Probabilistic;
        config.Sampler.Param = 0.3;
        config.Reporter.LogSpans = true;
        config.Reporter.MaxQueueSize = 77;
        config.Reporter.BufferFlushInterval = TimeSpan.FromMilliseconds(333);
        config.Tags["code"] = "tag";
        var before = Describe(config);

        config.WithEnvironmentOverrides(name => name.StartsWith("JAEGER_", StringComparison.Ordinal) ? value : null);

        Assert.Equal(before, Describe(config));
        Assert.Equal(1234, config.Sender.AgentPort); // Describe itself is not blind
    }

    private static TracerConfiguration Apply(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new TracerConfiguration("code-service").WithEnvironmentOverrides(name => env.GetValueOrDefault(name));
    }

    /// <summary>Every public setting the variables can reach, as one comparable string.</summary>
    private static string Describe(TracerConfiguration c) => string.Join("|", new object?[]
    {
        c.ServiceName, c.Sampler.Type, c.Sampler.Param.ToString(CultureInfo.InvariantCulture),
        c.Sampler.SamplingEndpoint, c.Sampler.RefreshInterval.Ticks, c.Sampler.MaxOperations,
        c.Reporter.LogSpans, c.Reporter.MaxQueueSize, c.Reporter.BufferFlushInterval.Ticks, c.Reporter.ExceptionMessages,
        c.Sender.AgentHost, c.Sender.AgentPort, c.Sender.Endpoint, c.Sender.User, c.Sender.Password, c.Sender.AuthToken,
        string.Join(",", c.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)),
        c.TraceId128Bit, c.Disabled, c.Propagation,
    });
}
