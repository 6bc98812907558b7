using System;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Which activity sources a tracer listens to: those made by <see cref="TracedSources.Create"/>
/// without configuration, plus <see cref="TracerConfiguration.Sources"/> by exact name, by a
/// prefix ending in <c>*</c>, or all with <c>*</c>.
/// </summary>
public sealed class SourceSelectionTests
{
    [Fact]
    public void Sources_made_by_TracedSources_are_listened_to_without_configuration()
    {
        using var agent = new UdpAgent();
        var config = new TracerConfiguration("traced-sources");
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = agent.Port;
        Assert.Empty(config.Sources);

        var id = Guid.NewGuid().ToString("N");
        using var before = TracedSources.Create("traced-before." + id, "1.0.0");
        using var tracer = config.Start();
        using var after = TracedSources.Create("traced-after." + id);
        using var plain = new ActivitySource("plain." + id);

        before.StartActivity("from-before")!.Dispose();
        after.StartActivity("from-after")!.Dispose();
        plain.StartActivity("from-plain")?.Dispose();
        tracer.Dispose();

        var batches = agent.WaitForSpans(2);
        var spans = batches.SelectMany(b => b.Spans).ToList();
        Assert.Equal(new[] { "from-after", "from-before" }, spans.Select(s => s.OperationName).OrderBy(n => n, StringComparer.Ordinal));
        // The scope is a process tag of the span's packet: one packet per source.
        var beforeBatch = batches.Single(b => b.Spans.Any(s => s.OperationName == "from-before"));
        Assert.Equal("traced-before." + id, beforeBatch.Process.Tag("otel.scope.name"));
        Assert.Equal("1.0.0", beforeBatch.Process.Tag("otel.scope.version"));
        Assert.Null(batches.Single(b => b.Spans.Any(s => s.OperationName == "from-after")).Process.Tag("otel.scope.version"));
        Assert.Equal(2, tracer.Counters.SpansStarted);
        Assert.Equal(2, tracer.Counters.SpansReported);
    }

    [Fact]
    public void A_trailing_star_listens_to_every_source_with_that_prefix()
    {
        using var agent = new UdpAgent();
        var prefix = "pfx" + Guid.NewGuid().ToString("N");
        var config = agent.Configure("prefix", prefix + ".*");
        using var tracer = config.Start();

        using var orders = new ActivitySource(prefix + ".Orders");
        using var ordersDb = new ActivitySource(prefix + ".Orders.Db");
        using var bare = new ActivitySource(prefix);
        using var other = new ActivitySource(prefix + "Other");

        orders.StartActivity("orders")?.Dispose();
        ordersDb.StartActivity("orders-db")?.Dispose();
        bare.StartActivity("bare")?.Dispose();
        other.StartActivity("other")?.Dispose();
        tracer.Dispose();

        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        Assert.Equal(new[] { "orders", "orders-db" }, spans.Select(s => s.OperationName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(2, tracer.Counters.SpansStarted);
    }

    [Fact]
    public void A_lone_star_listens_to_every_source()
    {
        using var agent = new UdpAgent();
        var config = agent.Configure("all", "*");
        using var tracer = config.Start();

        var id = Guid.NewGuid().ToString("N");
        using var first = new ActivitySource("any." + id);
        using var second = new ActivitySource("Completely.Different." + id);
        Assert.True(first.HasListeners());
        Assert.True(second.HasListeners());

        first.StartActivity("first-" + id)!.Dispose();
        second.StartActivity("second-" + id)!.Dispose();
        tracer.Dispose();

        var batches = agent.WaitForSpans(2);
        Assert.Contains(batches, b => b.Spans.Any(s => s.OperationName == "first-" + id) && (string?)b.Process.Tag("otel.scope.name") == "any." + id);
        Assert.Contains(batches, b => b.Spans.Any(s => s.OperationName == "second-" + id) && (string?)b.Process.Tag("otel.scope.name") == "Completely.Different." + id);
    }

    [Fact]
    public void A_source_name_too_long_for_a_packet_frame_loses_its_scope_tags_not_its_spans()
    {
        using var agent = new UdpAgent();
        var name = "long." + new string('n', 64_450); // a frame of about 64,700 bytes: under 512 bytes left for spans
        using var source = new ActivitySource(name);
        var config = agent.Configure("long-scope", name);
        config.Reporter.MaxTagValueLength = 65_000; // so the scope name is not cut to fit
        var tracer = config.Start();

        source.StartActivity("short-op")!.Dispose();
        tracer.Dispose();

        Assert.Equal(1, tracer.Counters.SpansReported);
        var batch = Assert.Single(agent.WaitForSpans(1));
        Assert.Equal("short-op", Assert.Single(batch.Spans).OperationName);
        Assert.Null(batch.Process.Tag("otel.scope.name"));
    }
}
