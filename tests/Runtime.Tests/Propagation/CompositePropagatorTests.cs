using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>Both formats at once: every header written, whichever is present read (W3C first), baggage merged.</summary>
public sealed class CompositePropagatorTests
{
    private const string W3CTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string W3CParent = $"00-{W3CTrace}-00f067aa0ba902b7-01";
    private const string JaegerParent = "a3ce929d0e0e4736:53ce929d0e0e4736:0:1";

    private static readonly DistributedContextPropagator Both = JaegerPropagation.Create(PropagationFormats.Jaeger | PropagationFormats.W3C);

    [Fact]
    public void Injects_both_headers_naming_the_same_span()
    {
        using var span = Headers.StartSpan(W3CTrace, ActivityTraceFlags.Recorded, ("tenant", "acme"));

        var headers = Headers.Inject(Both, span);

        Assert.Equal($"00-{W3CTrace}-{span.SpanId.ToHexString()}-01", headers["traceparent"]);
        Assert.Equal($"{W3CTrace}:{span.SpanId.ToHexString()}:0:1", headers["uber-trace-id"]);
        Assert.Equal("tenant=acme", headers["baggage"]);
        Assert.Equal("acme", headers["uberctx-tenant"]);
        Assert.Equal(4, headers.Count);
    }

    [Fact]
    public void W3C_wins_when_both_are_present_and_valid()
    {
        var context = Headers.Extract(Both, Headers.Of(("uber-trace-id", JaegerParent), ("traceparent", W3CParent)));

        Assert.Equal(W3CTrace, context.TraceId.ToHexString());
        Assert.Equal("00f067aa0ba902b7", context.SpanId.ToHexString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    public void Jaeger_is_used_when_W3C_is_absent_or_malformed(string? traceParent)
    {
        var headers = Headers.Of(("uber-trace-id", JaegerParent));
        if (traceParent is not null) headers["traceparent"] = traceParent;

        var context = Headers.Extract(Both, headers);

        Assert.Equal("0000000000000000a3ce929d0e0e4736", context.TraceId.ToHexString());
        Assert.Equal("53ce929d0e0e4736", context.SpanId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
    }

    [Fact]
    public void W3C_alone_is_read()
    {
        var context = Headers.Extract(Both, Headers.Of(("traceparent", W3CParent), ("tracestate", "rojo=1")));

        Assert.Equal(W3CTrace, context.TraceId.ToHexString());
        Assert.Equal("rojo=1", context.TraceState);
    }

    [Fact]
    public void Baggage_of_both_formats_is_merged_and_W3C_wins_a_shared_key()
    {
        var headers = Headers.Of(("baggage", "a=1,b=2"), ("uberctx-b", "3"), ("uberctx-c", "4"));

        var baggage = Headers.Baggage(Both, headers);

        Assert.Equal(3, baggage.Count);
        Assert.Equal("1", baggage["a"]);
        Assert.Equal("2", baggage["b"]);
        Assert.Equal("4", baggage["c"]);
    }

    [Fact]
    public void A_getter_that_throws_reads_as_no_headers()
    {
        static void Throwing(object? carrier, string name, out string? value, out System.Collections.Generic.IEnumerable<string>? values) =>
            throw new System.InvalidOperationException("carrier is closed");

        Both.ExtractTraceIdAndState(null, Throwing, out var traceId, out var traceState);

        Assert.Null(traceId);
        Assert.Null(traceState);
        Assert.Null(Both.ExtractBaggage(null, Throwing));
    }
}
