using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>
/// Headers come from outside: extraction reads them in linear time and keeps baggage within the
/// W3C limits (180 items, 8,192 characters of keys and values, whole items) in both formats and
/// both directions.
/// </summary>
public sealed class HeaderLimitTests
{
    private const int MaxItems = 180;
    private const int MaxLength = 8192;
    private static readonly DistributedContextPropagator Both = JaegerPropagation.Create(PropagationFormats.Jaeger | PropagationFormats.W3C);
    private static readonly DistributedContextPropagator Jaeger = JaegerPropagation.Create(PropagationFormats.Jaeger);

    [Fact]
    public void A_list_of_100_000_headers_is_read_in_linear_time()
    {
        // 10,000 uberctx-* pairs among 100,000 headers, as a plain list (the carrier the old code
        // searched once per header name: 10,000 x 100,000 steps).
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"),
        };
        for (var i = 0; i < 100_000; i++)
            pairs.Add(i % 10 == 0 ? new($"uberctx-key{i}", "v" + i) : new($"x-header-{i}", "value"));
        var carrier = new CountingPairs(pairs);

        var previous = DistributedContextPropagator.Current;
        DistributedContextPropagator.Current = Both;
        try
        {
            var parent = TraceContext.Extract(carrier);
            var baggage = TraceContext.ExtractBaggage(carrier);

            Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", parent.TraceId.ToHexString());
            Assert.Equal(MaxItems, baggage.Count);
            Assert.Equal(Enumerable.Range(0, MaxItems).Select(i => $"key{i * 10}"), baggage.Select(b => b.Key));
            // Every lookup walks the list at most once: a few passes per format, never one per header.
            Assert.InRange(carrier.Steps, pairs.Count, 10L * pairs.Count);
        }
        finally
        {
            DistributedContextPropagator.Current = previous;
        }
    }

    [Fact]
    public void A_callers_getter_is_asked_for_uberctx_values_even_over_a_list_of_pairs()
    {
        // A getter that filters baggage (an edge service, say) must not be bypassed by the one-pass read.
        var pairs = new List<KeyValuePair<string, string>> { new("uberctx-user", "mallory"), new("uberctx-tenant", "t1") };
        void Get(object? carrier, string name, out string? value, out IEnumerable<string>? values)
        {
            value = name == "uberctx-user" ? null : ((List<KeyValuePair<string, string>>)carrier!).FirstOrDefault(p => p.Key == name).Value;
            values = null;
        }

        var baggage = Jaeger.ExtractBaggage(pairs, Get)!.ToList();

        Assert.Equal([new KeyValuePair<string, string?>("tenant", "t1")], baggage);
    }

    [Fact]
    public void A_getter_with_16_000_repeated_values_is_read_only_as_far_as_the_limits_reach()
    {
        var read = 0;
        IEnumerable<string> Repeated(string member)
        {
            for (var i = 0; i < 16_000; i++)
            {
                read++;
                yield return member + i;
            }
        }

        void Get(object? carrier, string name, out string? value, out IEnumerable<string>? values)
        {
            value = name == "traceparent" ? "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" : null;
            values = name switch
            {
                "baggage" => Repeated("k="),
                "tracestate" => Repeated("vendor=v"),
                _ => null,
            };
        }

        var baggage = Both.ExtractBaggage(null, Get)!.ToList();
        Both.ExtractTraceIdAndState(null, Get, out var traceId, out var traceState);

        Assert.NotNull(traceId);
        Assert.Null(traceState); // 16,000 members with one key: invalid, dropped (not the parent)
        Assert.Single(baggage); // one key, its first value
        Assert.Equal("0", baggage[0].Value);
        Assert.InRange(read, 1, 8_000); // each value has 3 characters or more: about 2,700 fill the baggage limit, 1,800 the tracestate one
    }

    [Fact]
    public void A_megabyte_of_jaeger_baggage_header_keeps_whole_items_within_the_limits()
    {
        var header = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"k{i}=v{i}"));
        Assert.True(header.Length > 1_000_000);

        var baggage = Headers.BaggageItems(Jaeger, Headers.Of(("jaeger-baggage", header)));

        Assert.Equal(MaxItems, baggage.Count);
        Assert.Equal(Enumerable.Range(0, MaxItems).Select(i => ($"k{i}", $"v{i}")), baggage.Select(b => (b.Key, b.Value!)));
    }

    [Fact]
    public void Jaeger_baggage_header_is_split_before_it_is_url_decoded()
    {
        var baggage = Headers.Baggage(Jaeger, Headers.Of(("jaeger-baggage", "k=x%3Dy, list=a%2Cb, plain=v")));

        Assert.Equal("x=y", baggage["k"]);
        Assert.Equal("a,b", baggage["list"]);
        Assert.Equal("v", baggage["plain"]);
    }

    [Fact]
    public void Long_uberctx_items_are_kept_whole_up_to_8192_characters()
    {
        // 3 x 3,000 characters: the third does not fit and is left out whole; a short one after it still fits.
        var headers = Headers.Of(
            ("uberctx-a", new string('a', 3_000)), ("uberctx-b", new string('b', 3_000)),
            ("uberctx-c", new string('c', 3_000)), ("uberctx-d", "short"));

        var baggage = Headers.Baggage(Jaeger, headers);

        Assert.Equal(["a", "b", "d"], baggage.Keys.OrderBy(k => k));
        Assert.Equal(3_000, baggage["a"]!.Length);
    }

    [Fact]
    public void Injecting_10_000_baggage_items_writes_at_most_180_uberctx_headers_within_8192_characters()
    {
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded,
            Enumerable.Range(0, 10_000).Select(i => ($"key{i}", new string('v', 100))).ToArray());

        var headers = Headers.Inject(Jaeger, span);
        var baggage = headers.Where(h => h.Key.StartsWith("uberctx-", StringComparison.Ordinal)).ToList();

        Assert.InRange(baggage.Count, 1, MaxItems);
        Assert.True(baggage.Sum(h => h.Key.Length - "uberctx-".Length + h.Value.Length) <= MaxLength);
        Assert.Equal(baggage.Count + 1, headers.Count); // and uber-trace-id
    }

    [Fact]
    public void A_large_inbound_header_goes_out_again_within_the_limits()
    {
        // A 22.9 KB jaeger-baggage header, extracted by a server and injected into its next call.
        var inbound = Headers.Of(("jaeger-baggage", string.Join(",", Enumerable.Range(0, 3_000).Select(i => $"k{i}=v{i}"))));
        Assert.True(inbound["jaeger-baggage"].Length > 22_000);
        var extracted = Headers.BaggageItems(Both, inbound);
        using var span = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded,
            extracted.Select(b => (b.Key, b.Value!)).ToArray());

        var outbound = Headers.Inject(Both, span);

        Assert.Equal(MaxItems, outbound.Count(h => h.Key.StartsWith("uberctx-", StringComparison.Ordinal)));
        Assert.True(outbound["baggage"].Length <= MaxLength);
        Assert.True(outbound.Sum(h => h.Key.Length + h.Value.Length) < 3 * MaxLength, $"{outbound.Sum(h => h.Key.Length + h.Value.Length)} characters of headers");
    }

    /// <summary>A list of pairs that counts every element handed out, over every enumeration.</summary>
    private sealed class CountingPairs(List<KeyValuePair<string, string>> pairs) : IEnumerable<KeyValuePair<string, string>>
    {
        public long Steps { get; private set; }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            foreach (var pair in pairs)
            {
                Steps++;
                yield return pair;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
