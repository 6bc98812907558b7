using System;
using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>A tag value whose ToString() throws costs that value only, never the span or the app.</summary>
public sealed class BadTagValueTests
{
    [Fact]
    public void A_tag_value_whose_ToString_throws_is_sent_as_a_placeholder_and_counted()
    {
        using var agent = new UdpAgent();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var tracer = agent.Configure("bad-tags", sourceName).Start();
        using (var span = source.StartActivity("with-bad-tag")!)
        {
            span.SetTag("before", "ok");
            span.SetTag("exploding", new Exploding());
            span.SetTag("after", 7);
        }

        tracer.Dispose();

        var received = Assert.Single(Assert.Single(agent.WaitForSpans(1)).Spans);
        Assert.Equal("with-bad-tag", received.OperationName);
        var placeholder = Assert.Single(received.Tags, t => t.Key == "exploding");
        Assert.Equal(0, placeholder.Type);
        Assert.Contains(typeof(Exploding).FullName!, (string)placeholder.Value!, StringComparison.Ordinal);
        Assert.Equal("ok", received.Tag("before"));
        Assert.Equal(7L, received.Tag("after"));

        var counters = tracer.Counters;
        Assert.Equal(1, counters.BadTagValues);
        Assert.Equal(1, counters.SpansReported);
        Assert.Equal(0, counters.SpansDropped);
    }

    private sealed class Exploding
    {
        public override string ToString() => throw new InvalidOperationException("no text for you");
    }
}
