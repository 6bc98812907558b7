using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>JAEGER_* variables win over the configuration section and over code, as everywhere else.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentOverrideTests
{
    [Fact]
    public async Task Environment_variables_override_the_section_and_code()
    {
        using var agent = new UdpAgent();
        using var unused = new UdpAgent(); // where the section points; nothing may arrive there
        using var source = new ActivitySource("Hosting.Tests.Environment");
        var settings = HostFactory.To(unused.Port, source.Name);
        settings["Jaeger:ServiceName"] = "from-section";

        Environment.SetEnvironmentVariable("JAEGER_SERVICE_NAME", "from-environment");
        Environment.SetEnvironmentVariable("JAEGER_AGENT_PORT", agent.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var host = HostFactory.Build(settings, configure: c => c.ServiceName = "from-code");
            await host.StartAsync();
            using (source.StartActivity("work")) { }
            await host.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("JAEGER_SERVICE_NAME", null);
            Environment.SetEnvironmentVariable("JAEGER_AGENT_PORT", null);
        }

        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("from-environment", batch.Process.ServiceName);
        Assert.Empty(unused.Datagrams);
    }

    [Fact]
    public async Task A_bad_environment_value_fails_the_host_start_naming_the_variable()
    {
        Environment.SetEnvironmentVariable("JAEGER_SAMPLER_PARAM", "half");
        try
        {
            using var host = HostFactory.Build(HostFactory.To(6831, "Unused"));
            var error = await Assert.ThrowsAsync<InvalidTracerSettingException>(() => host.StartAsync());
            Assert.Equal("JAEGER_SAMPLER_PARAM", error.Setting);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JAEGER_SAMPLER_PARAM", null);
        }
    }

    [Fact]
    public async Task A_variable_that_validation_rejects_is_named_even_when_the_section_has_the_setting()
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:Sampler:Type"] = "const";
        Environment.SetEnvironmentVariable("JAEGER_SAMPLER_TYPE", "sometimes");
        try
        {
            using var host = HostFactory.Build(settings);
            var error = await Assert.ThrowsAsync<InvalidTracerSettingException>(() => host.StartAsync());
            Assert.Equal("Sampler.Type (JAEGER_SAMPLER_TYPE)", error.Setting);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JAEGER_SAMPLER_TYPE", null);
        }
    }
}
