using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>W3C <c>traceparent</c>, <c>tracestate</c> and <c>baggage</c>.</summary>
public sealed class W3CPropagatorTests
{
    private static readonly DistributedContextPropagator W3C = JaegerPropagation.Create(PropagationFormats.W3C);

    [Theory]
    [InlineData(true, "01")]
    [InlineData(false, "00")]
    public void Injects_traceparent_and_tracestate_then_extracts_the_same_context(bool sampled, string flags)
    {
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None);
        span.TraceStateString = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

        var headers = Headers.Inject(W3C, span);

        Assert.Equal(["traceparent", "tracestate"], headers.Keys);
        Assert.Equal($"00-4bf92f3577b34da6a3ce929d0e0e4736-{span.SpanId.ToHexString()}-{flags}", headers["traceparent"]);
        Assert.Equal("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", headers["tracestate"]);
        var context = Headers.Extract(W3C, headers);
        Assert.Equal(span.TraceId, context.TraceId);
        Assert.Equal(span.SpanId, context.SpanId);
        Assert.Equal(sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, context.TraceFlags);
        Assert.Equal("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", context.TraceState);
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")]
    [InlineData("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    public void Extracts_other_flags_and_later_versions_as_version_00(string header, string traceParent) =>
        Assert.Equal(traceParent, Headers.TraceParent(W3C, Headers.Of(("traceparent", header))));

    [Theory]
    [InlineData("Rojo=1")]
    [InlineData("rojo=1,rojo=2")]
    [InlineData("rojo")]
    [InlineData("rojo=a,b")]
    [InlineData("rojo=1 ,=2")]
    public void A_malformed_tracestate_is_dropped_but_the_parent_kept(string traceState)
    {
        var headers = Headers.Of(("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), ("tracestate", traceState));

        var context = Headers.Extract(W3C, headers);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", context.TraceId.ToHexString());
        Assert.Null(context.TraceState);
    }

    [Fact]
    public void Baggage_travels_percent_encoded_in_the_baggage_header()
    {
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded, ("user id", "a b,c;d=e"), ("tenant", "acme"));

        var headers = Headers.Inject(W3C, span);

        // Activity lists the most recently added item first.
        Assert.Equal("tenant=acme,user%20id=a%20b%2Cc%3Bd%3De", headers["baggage"]);
        var baggage = Headers.Baggage(W3C, headers);
        Assert.Equal(2, baggage.Count);
        Assert.Equal("a b,c;d=e", baggage["user id"]);
        Assert.Equal("acme", baggage["tenant"]);
    }

    [Fact]
    public void Baggage_members_drop_properties_and_malformed_members_are_skipped()
    {
        var headers = Headers.Of(("baggage", "k1=v1, k2 = a%20b;prop=1 , novalue, =x, bad key=1,k3="));

        var baggage = Headers.Baggage(W3C, headers);

        Assert.Equal(3, baggage.Count);
        Assert.Equal("v1", baggage["k1"]);
        Assert.Equal("a b", baggage["k2"]);
        Assert.Equal("", baggage["k3"]);
    }
}
