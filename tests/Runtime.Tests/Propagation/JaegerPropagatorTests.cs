using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.Extensions.Primitives;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary><c>uber-trace-id</c> and <c>uberctx-*</c> as jaeger-client-go writes and reads them.</summary>
public sealed class JaegerPropagatorTests
{
    private static readonly DistributedContextPropagator Jaeger = JaegerPropagation.Create(PropagationFormats.Jaeger);

    [Theory]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e4736", true, "4bf92f3577b34da6a3ce929d0e0e4736", "1")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e4736", false, "4bf92f3577b34da6a3ce929d0e0e4736", "0")]
    [InlineData("0000000000000000a3ce929d0e0e4736", true, "a3ce929d0e0e4736", "1")]
    [InlineData("00000000000000000000000000000abc", false, "0000000000000abc", "0")]
    public void Injects_trace_id_span_id_zero_parent_and_flags_then_extracts_the_same_context(string traceId, bool sampled, string headerTrace, string flags)
    {
        using var span = Headers.StartSpan(traceId, sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None);

        var headers = Headers.Inject(Jaeger, span);

        Assert.Equal([UberTraceId], headers.Keys);
        Assert.Equal($"{headerTrace}:{span.SpanId.ToHexString()}:0:{flags}", headers[UberTraceId]);
        var context = Headers.Extract(Jaeger, headers);
        Assert.Equal(traceId, context.TraceId.ToHexString());
        Assert.Equal(span.SpanId, context.SpanId);
        Assert.Equal(sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, context.TraceFlags);
        Assert.True(context.IsRemote);
    }

    [Theory]
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("abc:def:0:0", "00-00000000000000000000000000000abc-0000000000000def-00")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("4bf92f3577b34da6%3af067aa0ba902b7%3a0%3a1", "00-00000000000000004bf92f3577b34da6-00f067aa0ba902b7-01")]
    [InlineData("A3CE929D0E0E4736:00F067AA0BA902B7:0:1", "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:53ce929d0e0e4736:1", "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:2", "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01")] // debug
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:3", "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01")] // debug + sampled
    [InlineData(" a3ce929d0e0e4736:00f067aa0ba902b7:0:1 ", "00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    public void Extracts_what_jaeger_clients_send_as_a_w3c_parent_id(string header, string traceParent)
    {
        var headers = Headers.Of((UberTraceId, header));

        Assert.Equal(traceParent, Headers.TraceParent(Jaeger, headers));
        var context = Headers.Extract(Jaeger, headers);
        Assert.Equal(traceParent.Substring(3, 32), context.TraceId.ToHexString());
        Assert.Equal(traceParent.Substring(36, 16), context.SpanId.ToHexString());
    }

    [Fact]
    public void Baggage_travels_as_url_encoded_uberctx_headers()
    {
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded, ("user-id", "a b/c:d"), ("tenant", "acme"));

        var headers = Headers.Inject(Jaeger, span);

        Assert.Equal("a+b%2Fc%3Ad", headers["uberctx-user-id"]);
        Assert.Equal("acme", headers["uberctx-tenant"]);
        var baggage = Headers.Baggage(Jaeger, headers);
        Assert.Equal(2, baggage.Count);
        Assert.Equal("a b/c:d", baggage["user-id"]);
        Assert.Equal("acme", baggage["tenant"]);
    }

    [Fact]
    public void Baggage_header_names_are_case_insensitive_and_keys_come_out_lowercase()
    {
        var headers = Headers.Of(("Uberctx-Tenant", "acme%20corp"), ("uberctx-", "no key"), ("x-uberctx-other", "not baggage"));

        var baggage = Headers.Baggage(Jaeger, headers);

        Assert.Equal("acme corp", Assert.Single(baggage, b => b.Key == "tenant").Value);
        Assert.Single(baggage);
    }

    [Fact]
    public void Baggage_is_found_in_StringValues_headers_and_any_other_string_keyed_dictionary()
    {
        // ASP.NET Core hands its request headers (an IDictionary<string, StringValues>) to the propagator as they are, with a getter.
        var aspNetCore = new Dictionary<string, StringValues> { ["uberctx-tenant"] = "acme", ["uberctx-user"] = new(["ann", "lee"]) };
        var custom = new SortedList<string, HeaderText> { ["uberctx-tenant"] = new("acme"), ["x-other"] = new("no") };

        var fromAspNetCore = Jaeger.ExtractBaggage(aspNetCore, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((Dictionary<string, StringValues>)carrier!).TryGetValue(name, out var found) ? found.ToString() : null;
        });
        var fromCustom = Jaeger.ExtractBaggage(custom, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((SortedList<string, HeaderText>)carrier!).TryGetValue(name, out var found) ? found.Text : null;
        });

        Assert.Equal(["tenant=acme", "user=ann,lee"], fromAspNetCore!.Select(b => $"{b.Key}={b.Value}").OrderBy(b => b, StringComparer.Ordinal));
        Assert.Equal(["tenant=acme"], fromCustom!.Select(b => $"{b.Key}={b.Value}"));
    }

    [Fact]
    public void Hand_set_jaeger_baggage_header_is_read_with_or_without_a_trace_context_and_through_a_getter_alone()
    {
        // As jaeger-client-go reads it: comma-separated key=value pairs, URL-decoded, spaces trimmed, malformed pairs skipped.
        var headers = Headers.Of(("jaeger-baggage", "user=ann%20lee, tenant = acme,broken,a=b=c,=empty"), ("uberctx-region", "eu"));

        var baggage = Headers.Baggage(Jaeger, headers);
        var throughGetter = Jaeger.ExtractBaggage(new object(), (object? _, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = headers.TryGetValue(name, out var found) ? found : null; // a carrier whose names cannot be listed
        })!;

        Assert.Equal(3, baggage.Count);
        Assert.Equal(("ann lee", "acme", "eu"), (baggage["user"], baggage["tenant"], baggage["region"]));
        Assert.Equal(["tenant=acme", "user=ann lee"], throughGetter.Select(b => $"{b.Key}={b.Value}").OrderBy(b => b, StringComparer.Ordinal));
        Assert.DoesNotContain("jaeger-baggage", Jaeger.Fields); // never injected, so HttpClient never clears a caller's header
    }

    private readonly record struct HeaderText(string Text);

    private const string UberTraceId = "uber-trace-id";
}
