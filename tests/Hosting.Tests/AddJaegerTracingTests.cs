using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>AddJaegerTracing on a generic host: settings from the "Jaeger" section, spans on the wire when the host stops.</summary>
[Collection(EnvironmentCollection.Name)] // reads JAEGER_* variables, which another test sets
public sealed class AddJaegerTracingTests
{
    [Fact]
    public async Task Section_settings_are_used_and_spans_are_flushed_when_the_host_stops()
    {
        using var agent = new UdpAgent();
        using var source = new ActivitySource("Hosting.Tests.Bound");
        var settings = HostFactory.To(agent.Port, source.Name);
        settings["Jaeger:ServiceName"] = "bound-service";
        settings["Jaeger:Tags:region"] = "eu-1";
        settings["Jaeger:Sampler:Type"] = "probabilistic";
        settings["Jaeger:Sampler:Param"] = "1";
        using var host = HostFactory.Build(settings);

        await host.StartAsync();
        using (source.StartActivity("work", ActivityKind.Server)) { }
        Assert.Empty(agent.Datagrams); // the flush interval is an hour: only the host's stop sends
        await host.StopAsync();

        var span = Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans));
        var batch = UdpAgent.Decode(Assert.Single(agent.Datagrams));
        Assert.Equal("bound-service", batch.Process.ServiceName);
        Assert.Equal("eu-1", batch.Process.Tag("region"));
        Assert.Equal(("work", "server", "probabilistic"), (span.OperationName, span.Tag("span.kind"), span.Tag("sampler.type")));
    }

    [Fact]
    public void Sources_and_tags_given_as_one_value_each_are_lists()
    {
        // As an environment variable gives them (Jaeger__Sources=A,B): one value, no children, which was ignored.
        var settings = HostFactory.To(6831, "First");
        settings.Remove("Jaeger:Sources:0");
        settings["Jaeger:Sources"] = "First, Second.*";
        settings["Jaeger:Tags"] = "region=eu-1,zone=a";
        using var host = HostFactory.Build(settings);

        var config = host.Services.GetRequiredService<TracerConfiguration>();
        Assert.Equal(["First", "Second.*"], config.Sources);
        Assert.Equal("eu-1", config.Tags["region"]);
        Assert.Equal("a", config.Tags["zone"]);
    }

    [Theory]
    [InlineData("Jaeger")]  // the section itself, as AddJaegerTracing(builder.Configuration.GetSection("Jaeger")) passes it
    [InlineData("Tracing")] // a section of another name
    public void A_section_passed_in_is_read_as_the_tracers_section(string name)
    {
        // Read as the parent of a Jaeger section, it gave Jaeger:Jaeger: every setting silently ignored.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "app", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [name + ":ServiceName"] = "from-section",
            [name + ":Sampler:Type"] = "probabilistic",
            [name + ":Sampler:Param"] = "0.1",
        });
        builder.Services.AddJaegerTracing(builder.Configuration.GetSection(name));
        using var host = builder.Build();

        var config = host.Services.GetRequiredService<TracerConfiguration>();
        Assert.Equal(("from-section", "probabilistic", 0.1), (config.ServiceName, config.Sampler.Type, config.Sampler.Param));
    }

    [Fact]
    public void Tags_given_as_one_malformed_value_name_their_key()
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:Tags"] = "region";

        var ex = Assert.Throws<InvalidTracerSettingException>(() => HostFactory.Build(settings).Services.GetRequiredService<TracerConfiguration>());
        Assert.Equal("Jaeger:Tags", ex.Setting);
    }

    [Fact]
    public async Task Service_name_defaults_to_the_application_name_and_code_runs_after_the_section()
    {
        using var agent = new UdpAgent();
        using var source = new ActivitySource("Hosting.Tests.Defaults");
        var settings = HostFactory.To(agent.Port, "Not.This.Source");
        using var host = HostFactory.Build(settings, "my-app", configure: c => c.Sources.Add(source.Name));

        await host.StartAsync();
        using (source.StartActivity("work")) { }
        await host.StopAsync();

        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("my-app", batch.Process.ServiceName);
        Assert.Equal("work", Assert.Single(batch.Spans).OperationName);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void Exception_messages_are_switched_by_their_key(string value, bool expected)
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:Reporter:ExceptionMessages"] = value;
        using var host = HostFactory.Build(settings);

        Assert.Equal(expected, host.Services.GetRequiredService<TracerConfiguration>().Reporter.ExceptionMessages);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Code_tags_on_the_Activity_are_switched_by_their_key(string value, bool expected)
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:CodeTagsOnActivity"] = value;
        using var host = HostFactory.Build(settings);

        Assert.Equal(expected, host.Services.GetRequiredService<TracerConfiguration>().CodeTagsOnActivity);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("00:00:00")]
    public void Zero_is_accepted_where_it_means_something(string zero)
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:Reporter:CloseTimeout"] = zero;     // do not wait at close
        settings["Jaeger:Reporter:ErrorLogInterval"] = zero; // log every error
        using var host = HostFactory.Build(settings);

        var config = host.Services.GetRequiredService<TracerConfiguration>();

        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (config.Reporter.CloseTimeout, config.Reporter.ErrorLogInterval));
    }

    [Fact]
    public async Task A_package_can_add_its_activity_source_to_the_hosts_tracer()
    {
        using var agent = new UdpAgent();
        using var library = new ActivitySource("Hosting.Tests.Library");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "with-library", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(HostFactory.To(agent.Port, "Not.This.Source"));
        builder.Services.AddJaegerTracingSource(library.Name); // before AddJaegerTracing: order does not matter
        builder.Services.AddJaegerTracing();
        builder.Services.AddJaegerTracingSource(library.Name); // a repeat is harmless
        using var host = builder.Build();

        await host.StartAsync();
        using (library.StartActivity("library-work")) { }
        await host.StopAsync();

        Assert.Equal("library-work", Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans)).OperationName);
        var config = host.Services.GetRequiredService<TracerConfiguration>();
        Assert.Equal(["Not.This.Source", library.Name], config.Sources);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddJaegerTracingSource(" "));
    }

    [Fact]
    public void A_second_call_with_settings_fails_instead_of_losing_them()
    {
        var services = new ServiceCollection();
        services.AddJaegerTracing();
        services.AddJaegerTracing(); // a plain repeat is harmless

        var error = Assert.Throws<InvalidOperationException>(() => services.AddJaegerTracing(configure: c => c.ServiceName = "lost"));
        Assert.Contains("AddJaegerTracing was already called", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Propagator_and_log_scope_ids_are_registered()
    {
        using var host = HostFactory.Build(HostFactory.To(6831, "Unused"));

        var propagator = host.Services.GetRequiredService<DistributedContextPropagator>();
        Assert.Same(DistributedContextPropagator.Current, propagator);
        Assert.Contains("uber-trace-id", propagator.Fields); // the default formats: Jaeger and W3C
        Assert.Contains("traceparent", propagator.Fields);
        var tracking = host.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        var ids = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId;
        Assert.Equal(ids, tracking & ids);
    }

    [Theory]
    [InlineData("Sampler:Param", "lots", "Jaeger:Sampler:Param")]
    [InlineData("Reporter:BufferFlushInterval", "soon", "Jaeger:Reporter:BufferFlushInterval")]
    [InlineData("Sender:AgentPort", "70000", "Jaeger:Sender:AgentPort")]
    [InlineData("Reporter:BufferFlushInterval", "00:00:00", "Jaeger:Reporter:BufferFlushInterval")]
    // Values that parse but that validation rejects are named by their key too, not by a variable nobody set.
    [InlineData("Sampler:Type", "sometimes", "Jaeger:Sampler:Type")]
    [InlineData("Sampler:Param", "2", "Jaeger:Sampler:Param", "probabilistic")]
    [InlineData("Reporter:MaxPacketSize", "10", "Jaeger:Reporter:MaxPacketSize")]
    [InlineData("Reporter:ExceptionMessages", "perhaps", "Jaeger:Reporter:ExceptionMessages")]
    [InlineData("CodeTagsOnActivity", "sometimes", "Jaeger:CodeTagsOnActivity")]
    [InlineData("Sender:AgentHost", "bad host name", "Jaeger:Sender:AgentHost")]
    [InlineData("Reporter:MaxQueueSize", "268435456", "Jaeger:Reporter:MaxQueueSize")]
    public async Task A_bad_value_fails_the_host_start_naming_the_setting(string key, string value, string setting, string? samplerType = null)
    {
        var settings = HostFactory.To(6831, "Unused");
        if (samplerType is not null) settings["Jaeger:Sampler:Type"] = samplerType;
        settings["Jaeger:" + key] = value;
        using var host = HostFactory.Build(settings); // building succeeds: nothing is read yet

        var error = await Assert.ThrowsAsync<InvalidTracerSettingException>(() => host.StartAsync());
        Assert.Equal(setting, error.Setting);
        Assert.Equal(value, error.Value);
        Assert.Contains(setting, error.Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain("JAEGER_", error.ToString(), System.StringComparison.Ordinal); // no variable was set: none is named, inner exceptions included
    }

    [Theory]
    // The value shown is the property's, not the text written, and a secret is hidden: the key is named all the same.
    [InlineData("Reporter:BufferFlushInterval", "500us", "00:00:00.0005000")]
    [InlineData("Sender:User", "ali:ce", "(hidden)")]
    public async Task A_rejected_value_is_named_by_its_key_however_it_is_shown(string key, string value, string shown)
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:Sender:Endpoint"] = "http://127.0.0.1:9/api/traces";
        settings["Jaeger:Sender:Password"] = "s3cret";
        settings["Jaeger:" + key] = value;
        using var host = HostFactory.Build(settings);

        var error = await Assert.ThrowsAsync<InvalidTracerSettingException>(() => host.StartAsync());

        Assert.Equal(("Jaeger:" + key, shown), (error.Setting, error.Value));
    }

    [Fact]
    public async Task A_bad_value_set_in_code_over_a_good_section_value_is_named_by_its_property()
    {
        var settings = HostFactory.To(6831, "Unused");
        settings["Jaeger:Sampler:Type"] = "const";
        using var host = HostFactory.Build(settings, configure: c => c.Sampler.Type = "sometimes");

        var error = await Assert.ThrowsAsync<InvalidTracerSettingException>(() => host.StartAsync());

        Assert.Equal("Sampler.Type (JAEGER_SAMPLER_TYPE)", error.Setting);
        Assert.Equal("sometimes", error.Value);
    }
}
