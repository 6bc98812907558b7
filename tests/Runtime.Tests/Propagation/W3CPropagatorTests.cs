using System.Linq;
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
    [InlineData("1a=b")]                     // a simple key starts with a letter
    [InlineData("tenant@1sys=b")]             // a system id starts with a letter
    [InlineData("tenant@abcdefghijklmno=b")]  // a system id has at most 14 characters
    [InlineData("@sys=b")]
    public void A_malformed_tracestate_is_dropped_but_the_parent_kept(string traceState)
    {
        var headers = Headers.Of(("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), ("tracestate", traceState));

        var context = Headers.Extract(W3C, headers);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", context.TraceId.ToHexString());
        Assert.Null(context.TraceState);
    }

    [Theory]
    [InlineData("1tenant@vendor=x")]
    [InlineData("t@v/1_-*=x")]
    public void Multi_tenant_tracestate_keys_are_kept(string traceState)
    {
        var headers = Headers.Of(("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), ("tracestate", traceState));

        Assert.Equal(traceState, Headers.Extract(W3C, headers).TraceState);
    }

    [Fact]
    public void Baggage_values_travel_percent_encoded_and_keys_that_are_not_tokens_are_left_out()
    {
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded, ("user id", "x"), ("user-id", "a b,c;d=e"), ("tenant", "acme"));

        var headers = Headers.Inject(W3C, span);

        // Activity lists the most recently added item first. Keys are tokens, sent as they are
        // ("user id" cannot be one: other implementations would read an escaped key as another key).
        Assert.Equal("tenant=acme,user-id=a%20b%2Cc%3Bd%3De", headers["baggage"]);
        var baggage = Headers.Baggage(W3C, headers);
        Assert.Equal(2, baggage.Count);
        Assert.Equal("a b,c;d=e", baggage["user-id"]);
        Assert.Equal("acme", baggage["tenant"]);
    }

    [Fact]
    public void Baggage_over_8192_characters_is_cut_to_whole_members_when_sent_and_when_received()
    {
        var items = Enumerable.Range(0, 41).Select(i => ($"k{i:00}", new string('v', 200))).ToArray();
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded, items);

        var sent = Headers.Inject(W3C, span)["baggage"];
        Assert.True(sent.Length <= 8192, $"{sent.Length} characters");
        Assert.Equal(39, sent.Split(',').Length); // 39 members of 204 characters fit, the 40th would not
        Assert.All(sent.Split(','), member => Assert.Matches("^k[0-9]{2}=v{200}$", member));

        var oversized = string.Join(",", items.Select(i => $"{i.Item1}={i.Item2}")); // 8,650 characters
        var received = Headers.Baggage(W3C, Headers.Of(("baggage", oversized)));
        Assert.Equal(39, received.Count); // the whole members within the first 8,192 characters
        Assert.All(received.Values, v => Assert.Equal(200, v!.Length));
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
