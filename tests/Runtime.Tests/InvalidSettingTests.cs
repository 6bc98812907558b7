using System;
using System.Collections.Generic;
using System.Diagnostics;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// A bad setting fails at once with <see cref="InvalidTracerSettingException"/> whose message names
/// the setting (its <c>JAEGER_*</c> variable where there is one), the rejected value and what is
/// accepted: while reading the environment, or at <see cref="TracerConfiguration.Start"/> for
/// values set in code.
/// </summary>
public sealed class InvalidSettingTests
{
    [Theory]
    [InlineData("JAEGER_AGENT_PORT", "abc", "a port number from 1 to 65535")]
    [InlineData("JAEGER_AGENT_PORT", "0", "a port number from 1 to 65535")]
    [InlineData("JAEGER_AGENT_PORT", "65536", "a port number from 1 to 65535")]
    [InlineData("JAEGER_AGENT_PORT", "-1", "a port number from 1 to 65535")]
    [InlineData("JAEGER_AGENT_PORT", "6831.0", "a port number from 1 to 65535")]
    [InlineData("JAEGER_ENDPOINT", "ftp://collector:14268/api/traces", "http:// or https://")]
    [InlineData("JAEGER_ENDPOINT", "collector:14268/api/traces", "http:// or https://")]
    [InlineData("JAEGER_ENDPOINT", "/api/traces", "http:// or https://")]
    [InlineData("JAEGER_ENDPOINT", "not a url", "http:// or https://")]
    [InlineData("JAEGER_SAMPLER_TYPE", "foo", "const, probabilistic, ratelimiting")]
    [InlineData("JAEGER_SAMPLER_TYPE", "lowerbound", "const, probabilistic, ratelimiting, remote")]
    [InlineData("JAEGER_SAMPLING_ENDPOINT", "agent:5778/sampling", "http:// or https://")]
    [InlineData("JAEGER_SAMPLER_REFRESH_INTERVAL", "often", "duration")]
    [InlineData("JAEGER_SAMPLER_MAX_OPERATIONS", "-3", "a whole number")]
    [InlineData("JAEGER_SAMPLER_PARAM", "abc", "a number")]
    [InlineData("JAEGER_SAMPLER_PARAM", "1,5", "a number")]
    [InlineData("JAEGER_SAMPLER_PARAM", "NaN", "a number")]
    [InlineData("JAEGER_SAMPLER_PARAM", "Infinity", "a number")]
    [InlineData("JAEGER_SAMPLER_PARAM", "0.5", "0 or 1 for the const sampler")]
    [InlineData("JAEGER_SAMPLER_PARAM", "2", "0 or 1 for the const sampler")]
    [InlineData("JAEGER_SAMPLER_PARAM", "1.5", "a fraction from 0 to 1", "JAEGER_SAMPLER_TYPE", "probabilistic")]
    [InlineData("JAEGER_SAMPLER_PARAM", "-0.1", "a fraction from 0 to 1", "JAEGER_SAMPLER_TYPE", "probabilistic")]
    [InlineData("JAEGER_SAMPLER_PARAM", "-1", "traces per second", "JAEGER_SAMPLER_TYPE", "ratelimiting")]
    [InlineData("JAEGER_REPORTER_LOG_SPANS", "yes", "true or false")]
    [InlineData("JAEGER_REPORTER_LOG_SPANS", "2", "true or false")]
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "0", "a whole number from 1 to")]
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "-5", "a whole number from 1 to")]
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "ten", "a whole number from 1 to")]
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "1.5", "a whole number from 1 to")]
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "99999999999", "a whole number from 1 to")]
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "268435456", "a whole number from 1 to 4194304")] // 4 GiB of slots at start
    [InlineData("JAEGER_REPORTER_MAX_QUEUE_SIZE", "1073741824", "a whole number from 1 to 4194304")] // the old maximum: OutOfMemoryException
    [InlineData("JAEGER_AGENT_HOST", "bad host name", "a host name or IP address")]
    [InlineData("JAEGER_AGENT_HOST", "[::1", "a host name or IP address")]
    [InlineData("JAEGER_AGENT_HOST", "::1]", "a host name or IP address")]
    [InlineData("JAEGER_REPORTER_EXCEPTION_MESSAGES", "maybe", "true or false")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "0", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "0s", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "-1s", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "-5", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "1.5", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "1x", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "fast", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "s", "1s, 500ms, 1m30s")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "00:00:00", "1s, 500ms, 1m30s, 00:00:01")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "-00:00:01", "1s, 500ms, 1m30s, 00:00:01")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "1:2:3:4:5", "1s, 500ms, 1m30s, 00:00:01")]
    [InlineData("JAEGER_REPORTER_FLUSH_INTERVAL", "922337203685478", "1s, 500ms, 1m30s, 00:00:01")] // more milliseconds than a TimeSpan holds
    [InlineData("JAEGER_TAGS", "=v", "key=value")]
    [InlineData("JAEGER_TAGS", "novalue", "key=value")]
    [InlineData("JAEGER_TAGS", "k=v,,k2=v2", "key=value")]
    [InlineData("JAEGER_TAGS", "k=v,", "key=value")]
    [InlineData("JAEGER_TRACEID_128BIT", "yes", "true or false")]
    [InlineData("JAEGER_TRACEID_128BIT", "64", "true or false")]
    [InlineData("JAEGER_DISABLED", "yes", "true or false")]
    [InlineData("JAEGER_DISABLED", "disabled", "true or false")]
    [InlineData("JAEGER_PROPAGATION", "b3", "jaeger, w3c, or both as jaeger,w3c")]
    [InlineData("JAEGER_PROPAGATION", "jaeger,b3", "jaeger, w3c, or both as jaeger,w3c")]
    [InlineData("JAEGER_PROPAGATION", "jaeger;w3c", "jaeger, w3c, or both as jaeger,w3c")]
    [InlineData("JAEGER_PROPAGATION", "jaeger,", "jaeger, w3c, or both as jaeger,w3c")]
    public void A_bad_variable_names_itself_its_value_and_what_is_accepted(
        string variable, string value, string accepted, string? otherVariable = null, string? otherValue = null)
    {
        var env = new Dictionary<string, string> { [variable] = value };
        if (otherVariable is not null) env[otherVariable] = otherValue!;

        var ex = Assert.Throws<InvalidTracerSettingException>(() => StartFromEnvironment(env));

        Assert.Contains(variable, ex.Setting, StringComparison.Ordinal);
        Assert.Equal(value, ex.Value);
        Assert.Contains(accepted, ex.Accepted, StringComparison.Ordinal);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(accepted, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_password_names_the_missing_password()
    {
        var env = new Dictionary<string, string>
        {
            ["JAEGER_ENDPOINT"] = "http://collector:14268/api/traces",
            ["JAEGER_USER"] = "alice",
        };

        var ex = Assert.Throws<InvalidTracerSettingException>(() => StartFromEnvironment(env));

        Assert.Contains("JAEGER_PASSWORD", ex.Setting, StringComparison.Ordinal);
        Assert.Null(ex.Value);
        Assert.Contains("JAEGER_PASSWORD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("JAEGER_USER", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_service_name_anywhere_names_the_service_name_variable()
    {
        var env = new Dictionary<string, string> { ["JAEGER_SERVICE_NAME"] = "   " };

        var ex = Assert.Throws<InvalidTracerSettingException>(() =>
            TracerConfiguration.FromEnvironment(name => env.GetValueOrDefault(name)).Start().Dispose());

        Assert.Contains("JAEGER_SERVICE_NAME", ex.Setting, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ex.Value);
        Assert.Contains("JAEGER_SERVICE_NAME", ex.Message, StringComparison.Ordinal);
        Assert.Contains("non-empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sampler type foo", "Sampler.Type (JAEGER_SAMPLER_TYPE)", "foo", "const, probabilistic, ratelimiting")]
    [InlineData("const param 0.5", "Sampler.Param (JAEGER_SAMPLER_PARAM)", "0.5", "0 or 1")]
    [InlineData("probabilistic param 1.5", "Sampler.Param (JAEGER_SAMPLER_PARAM)", "1.5", "a fraction from 0 to 1")]
    [InlineData("probabilistic param NaN", "Sampler.Param (JAEGER_SAMPLER_PARAM)", "NaN", "a fraction from 0 to 1")]
    [InlineData("ratelimiting param -2", "Sampler.Param (JAEGER_SAMPLER_PARAM)", "-2", "traces per second")]
    [InlineData("max queue size 0", "Reporter.MaxQueueSize (JAEGER_REPORTER_MAX_QUEUE_SIZE)", "0", "a whole number from 1 to")]
    [InlineData("max packet size 100", "Reporter.MaxPacketSize", "100", "1024 to 65507 bytes")]
    [InlineData("max packet size 70000", "Reporter.MaxPacketSize", "70000", "1024 to 65507 bytes")]
    [InlineData("flush interval 0", "Reporter.BufferFlushInterval (JAEGER_REPORTER_FLUSH_INTERVAL)", "00:00:00", "a positive duration")]
    [InlineData("empty service name", "ServiceName (JAEGER_SERVICE_NAME)", "", "a non-empty service name")]
    [InlineData("blank service name", "ServiceName (JAEGER_SERVICE_NAME)", "  ", "a non-empty service name")]
    [InlineData("empty agent host", "Sender.AgentHost (JAEGER_AGENT_HOST)", "", "a host name or IP address")]
    [InlineData("agent port 0", "Sender.AgentPort (JAEGER_AGENT_PORT)", "0", "a port number from 1 to 65535")]
    [InlineData("agent port 70000", "Sender.AgentPort (JAEGER_AGENT_PORT)", "70000", "a port number from 1 to 65535")]
    [InlineData("ftp endpoint", "Sender.Endpoint (JAEGER_ENDPOINT)", "ftp://collector:14268/api/traces", "http:// or https://")]
    [InlineData("user without password", "Sender.Password (JAEGER_PASSWORD)", null, "whenever Sender.User (JAEGER_USER) is set")]
    [InlineData("no propagation", "Propagation (JAEGER_PROPAGATION)", "0", "Jaeger, W3C or both")]
    [InlineData("blank source", "Sources", "", "activity source names")]
    [InlineData("service name with a line break", "ServiceName (JAEGER_SERVICE_NAME)", "greeter\nserver", "without control characters")]
    [InlineData("service name with NUL", "ServiceName (JAEGER_SERVICE_NAME)", "greeter\0", "without control characters")]
    [InlineData("service name longer than a packet", "ServiceName (JAEGER_SERVICE_NAME)", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...", "leave room for spans in a 65000-byte packet")]
    [InlineData("process tags longer than a packet", "Tags (JAEGER_TAGS)", "30 tags", "leave room for spans in a 65000-byte packet")]
    [InlineData("agent host with spaces", "Sender.AgentHost (JAEGER_AGENT_HOST)", "bad host name", "a host name or IP address")]
    [InlineData("agent host with an open bracket", "Sender.AgentHost (JAEGER_AGENT_HOST)", "[::1", "a host name or IP address")]
    [InlineData("flush interval 500us", "Reporter.BufferFlushInterval (JAEGER_REPORTER_FLUSH_INTERVAL)", "00:00:00.0005000", "at least 1 ms")]
    [InlineData("queue size over the maximum", "Reporter.MaxQueueSize (JAEGER_REPORTER_MAX_QUEUE_SIZE)", "4194305", "a whole number from 1 to 4194304")]
    [InlineData("password without user", "Sender.User (JAEGER_USER)", null, "whenever Sender.Password (JAEGER_PASSWORD) is set")]
    [InlineData("token with CR LF", "Sender.AuthToken (JAEGER_AUTH_TOKEN)", "(hidden)", "without control characters")]
    [InlineData("token with NUL", "Sender.AuthToken (JAEGER_AUTH_TOKEN)", "(hidden)", "without control characters")]
    [InlineData("user with LF", "Sender.User (JAEGER_USER)", "(hidden)", "without control characters")]
    [InlineData("user with a colon", "Sender.User (JAEGER_USER)", "(hidden)", "or ':'")]
    [InlineData("password with CR", "Sender.Password (JAEGER_PASSWORD)", "(hidden)", "without control characters")]
    [InlineData("disabled with a bad sampler", "Sampler.Type (JAEGER_SAMPLER_TYPE)", "foo", "const, probabilistic, ratelimiting")]
    [InlineData("remote param 1.5", "Sampler.Param (JAEGER_SAMPLER_PARAM)", "1.5", "a fraction from 0 to 1 (the rate until the first strategy)")]
    [InlineData("remote ftp endpoint", "Sampler.SamplingEndpoint (JAEGER_SAMPLING_ENDPOINT)", "ftp://agent:5778/sampling", "an absolute http or https URL")]
    [InlineData("remote refresh 0", "Sampler.RefreshInterval (JAEGER_SAMPLER_REFRESH_INTERVAL)", "00:00:00", "a duration from 1 ms to 49 days")]
    [InlineData("remote refresh 60 days", "Sampler.RefreshInterval (JAEGER_SAMPLER_REFRESH_INTERVAL)", "60.00:00:00", "a duration from 1 ms to 49 days")]
    [InlineData("remote max operations 0", "Sampler.MaxOperations (JAEGER_SAMPLER_MAX_OPERATIONS)", "0", "1 or more")]
    public void A_bad_value_set_in_code_fails_at_start_naming_the_setting(string scenario, string setting, string? value, string accepted)
    {
        var sourceName = "invalid." + Guid.NewGuid().ToString("N");
        var config = new TracerConfiguration("code-service");
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = 9; // discard; never reached
        config.Sources.Add(sourceName);
        Break(config, scenario);

        var ex = Assert.Throws<InvalidTracerSettingException>(() => config.Start().Dispose());

        Assert.Equal(setting, ex.Setting);
        Assert.Equal(value, ex.Value);
        Assert.Contains(accepted, ex.Accepted, StringComparison.Ordinal);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value ?? "<null>"}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(accepted, ex.Message, StringComparison.Ordinal);

        // Nothing was started: no listener is left behind.
        using var source = new ActivitySource(sourceName);
        Assert.False(source.HasListeners());
    }

    private static void Break(TracerConfiguration config, string scenario)
    {
        switch (scenario)
        {
            case "sampler type foo": config.Sampler.Type = "foo"; break;
            case "remote param 1.5": config.Sampler.Type = SamplerTypes.Remote; config.Sampler.Param = 1.5; break;
            case "remote ftp endpoint": config.Sampler.Type = SamplerTypes.Remote; config.Sampler.SamplingEndpoint = new Uri("ftp://agent:5778/sampling"); break;
            case "remote refresh 0": config.Sampler.Type = SamplerTypes.Remote; config.Sampler.RefreshInterval = TimeSpan.Zero; break;
            case "remote refresh 60 days": config.Sampler.Type = SamplerTypes.Remote; config.Sampler.RefreshInterval = TimeSpan.FromDays(60); break;
            case "remote max operations 0": config.Sampler.Type = SamplerTypes.Remote; config.Sampler.MaxOperations = 0; break;
            case "const param 0.5": config.Sampler.Param = 0.5; break;
            case "probabilistic param 1.5": config.Sampler.Type = SamplerTypes.Probabilistic; config.Sampler.Param = 1.5; break;
            case "probabilistic param NaN": config.Sampler.Type = SamplerTypes.Probabilistic; config.Sampler.Param = double.NaN; break;
            case "ratelimiting param -2": config.Sampler.Type = SamplerTypes.RateLimiting; config.Sampler.Param = -2; break;
            case "max queue size 0": config.Reporter.MaxQueueSize = 0; break;
            case "max packet size 100": config.Reporter.MaxPacketSize = 100; break;
            case "max packet size 70000": config.Reporter.MaxPacketSize = 70_000; break;
            case "flush interval 0": config.Reporter.BufferFlushInterval = TimeSpan.Zero; break;
            case "empty service name": config.ServiceName = string.Empty; break;
            case "blank service name": config.ServiceName = "  "; break;
            case "empty agent host": config.Sender.AgentHost = string.Empty; break;
            case "agent port 0": config.Sender.AgentPort = 0; break;
            case "agent port 70000": config.Sender.AgentPort = 70_000; break;
            case "ftp endpoint": config.Sender.Endpoint = new Uri("ftp://collector:14268/api/traces"); break;
            case "user without password": config.Sender.Endpoint = new Uri("http://collector:14268/api/traces"); config.Sender.User = "alice"; break;
            case "no propagation": config.Propagation = 0; break;
            case "blank source": config.Sources.Add(string.Empty); break;
            case "service name with a line break": config.ServiceName = "greeter\nserver"; break;
            case "service name with NUL": config.ServiceName = "greeter\0"; break;
            case "service name longer than a packet": config.ServiceName = new string('n', 70_000); break;
            case "process tags longer than a packet":
                for (var i = 0; i < 30; i++) config.Tags["tag" + i] = new string('t', 4_000);
                break;
            case "agent host with spaces": config.Sender.AgentHost = "bad host name"; break;
            case "agent host with an open bracket": config.Sender.AgentHost = "[::1"; break;
            case "flush interval 500us": config.Reporter.BufferFlushInterval = TimeSpan.FromTicks(5_000); break;
            case "queue size over the maximum": config.Reporter.MaxQueueSize = 4_194_305; break;
            case "password without user": WithCollector(config).Password = "s3cret"; break;
            case "token with CR LF": WithCollector(config).AuthToken = "token\r\nX-Injected: 1"; break;
            case "token with NUL": WithCollector(config).AuthToken = "tok\0en"; break;
            case "user with LF": WithCollector(config).User = "alice\n"; config.Sender.Password = "s3cret"; break;
            case "user with a colon": WithCollector(config).User = "ali:ce"; config.Sender.Password = "s3cret"; break;
            case "password with CR": WithCollector(config).User = "alice"; config.Sender.Password = "s3cret\r"; break;
            case "disabled with a bad sampler": config.Disabled = true; config.Sampler.Type = "foo"; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario");
        }
    }

    private static SenderConfiguration WithCollector(TracerConfiguration config)
    {
        config.Sender.Endpoint = new Uri("http://127.0.0.1:9/api/traces");
        return config.Sender;
    }

    [Fact]
    public void A_process_tag_without_a_value_names_the_tag()
    {
        // As code that reads an unset variable into a tag does.
        var config = new TracerConfiguration("null-tag");
        config.Tags["region"] = "eu";
        config.Tags["version"] = null!;

        var ex = Assert.Throws<InvalidTracerSettingException>(() => config.Start().Dispose());

        Assert.Contains("Tags", ex.Setting, StringComparison.Ordinal);
        Assert.Equal("region=eu,version=(null)", ex.Value);
        Assert.Contains("tag 'version' is null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_queue_starts_quickly()
    {
        // Its slots are allocated at start: the documented maximum must start, not throw OutOfMemoryException.
        var config = new TracerConfiguration("big-queue");
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = 9;
        config.Reporter.MaxQueueSize = 4_194_304;
        config.Start().Dispose();
    }

    [Theory]
    [InlineData("ftp://alice:s3cret@collector:14268/api/traces", "ftp://***@collector:14268/api/traces")]
    [InlineData("http://alice:s3/cret@collector:14268/api/traces", "http://***@collector:14268/api/traces")] // not a valid URL: echoed, redacted
    [InlineData("http://alice:s3?cret@collector:14268/api/traces", "http://***@collector:14268/api/traces")]
    [InlineData("http://alice:s3#cret@collector:14268/api/traces", "http://***@collector:14268/api/traces")]
    public void A_rejected_endpoint_is_echoed_without_its_credentials(string endpoint, string echoed)
    {
        var env = new Dictionary<string, string> { ["JAEGER_ENDPOINT"] = endpoint.Replace("http://", "ftp://") };

        var ex = Assert.Throws<InvalidTracerSettingException>(() => StartFromEnvironment(env));

        Assert.Equal(echoed.Replace("http://", "ftp://"), ex.Value);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_secret_is_never_echoed()
    {
        var config = new TracerConfiguration("secret");
        WithCollector(config).AuthToken = "s3cret\n";

        var ex = Assert.Throws<InvalidTracerSettingException>(() => config.Start().Dispose());

        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    private static void StartFromEnvironment(Dictionary<string, string> env)
    {
        var config = new TracerConfiguration("env-service");
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = 9; // discard; never reached
        config.WithEnvironmentOverrides(name => env.GetValueOrDefault(name));
        config.Start().Dispose();
    }
}
