using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>A started tracer makes <c>JAEGER_PROPAGATION</c> the process's propagator, and gives the old one back on dispose.</summary>
public sealed class TracerPropagationTests
{
    [Theory]
    [InlineData("jaeger", new[] { "uber-trace-id" })]
    [InlineData("w3c", new[] { "traceparent" })]
    [InlineData("jaeger,w3c", new[] { "traceparent", "uber-trace-id" })]
    [InlineData(null, new[] { "traceparent", "uber-trace-id" })]
    public void A_started_tracer_injects_the_configured_formats_and_restores_the_previous_propagator(string? setting, string[] expected)
    {
        using var agent = new UdpAgent();
        var previous = DistributedContextPropagator.Current;
        var config = agent.Configure("propagation", "propagation-test")
            .WithEnvironmentOverrides(name => name == "JAEGER_PROPAGATION" ? setting : null);

        var tracer = config.Start();
        try
        {
            Assert.NotSame(previous, DistributedContextPropagator.Current);
            using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded);
            var headers = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
            TraceContext.Inject(span, headers);

            Assert.Equal(expected, headers.Keys);
            if (headers.TryGetValue("uber-trace-id", out var uber))
                Assert.Equal($"4bf92f3577b34da6a3ce929d0e0e4736:{span.SpanId.ToHexString()}:0:1", uber);
            Assert.Equal(span.SpanId, TraceContext.Extract(headers).SpanId);
        }
        finally
        {
            tracer.Dispose();
        }

        Assert.Same(previous, DistributedContextPropagator.Current);
    }

    [Fact]
    public void Dispose_leaves_a_propagator_someone_else_installed_since()
    {
        using var agent = new UdpAgent();
        var previous = DistributedContextPropagator.Current;
        var theirs = DistributedContextPropagator.CreatePassThroughPropagator();
        try
        {
            using (agent.Configure("propagation", "propagation-test").Start())
            {
                DistributedContextPropagator.Current = theirs;
            }

            Assert.Same(theirs, DistributedContextPropagator.Current);
        }
        finally
        {
            DistributedContextPropagator.Current = previous;
        }
    }

    [Fact]
    public void A_disabled_tracer_leaves_the_propagator_alone()
    {
        var previous = DistributedContextPropagator.Current;
        var config = new TracerConfiguration("off") { Disabled = true, Propagation = PropagationFormats.Jaeger };

        using (config.Start()) Assert.Same(previous, DistributedContextPropagator.Current);
    }

    [Theory]
    [InlineData(true)]  // disposed in start order
    [InlineData(false)] // disposed in reverse order
    public void Two_tracers_disposed_in_either_order_put_back_the_propagator_from_before_both(bool startOrder)
    {
        using var agent = new UdpAgent();
        var previous = DistributedContextPropagator.Current;
        var first = agent.Configure("first", "propagation-test").Start();
        var afterFirst = DistributedContextPropagator.Current;
        var secondConfig = agent.Configure("second", "propagation-test");
        secondConfig.Propagation = PropagationFormats.Jaeger;
        var second = secondConfig.Start();
        var afterSecond = DistributedContextPropagator.Current;

        (startOrder ? first : second).Dispose();
        // The tracer still running keeps a propagator of its own formats.
        var running = DistributedContextPropagator.Current;
        Assert.Same(startOrder ? afterSecond : afterFirst, running);
        (startOrder ? second : first).Dispose();

        Assert.Same(previous, DistributedContextPropagator.Current);
    }
}
