using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>
/// Headers from the network are arbitrary text: 20,000 random and mutated values through each
/// propagator never throw, and whatever parses is a valid remote context.
/// </summary>
public sealed class RandomHeaderTests
{
    private static readonly string[] Names = ["uber-trace-id", "traceparent", "tracestate", "baggage", "uberctx-k", "UBER-TRACE-ID", "jaeger-baggage"];
    private static readonly string[] Seeds =
    [
        "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
        "k1=v1;p=1,k2=a%20b",
    ];

    [Fact]
    public void Random_and_mutated_headers_never_throw_and_parse_only_to_valid_contexts()
    {
        var both = JaegerPropagation.Create(PropagationFormats.Jaeger | PropagationFormats.W3C);
        // Each format alone too: the combined one guards its parts, which would hide their exceptions.
        DistributedContextPropagator[] parts = [new Instrumentation.Propagation.JaegerPropagator(), new Instrumentation.Propagation.W3CPropagator()];
        var random = new Random(20261125); // fixed: a failure is reproducible
        for (var i = 0; i < 20_000; i++)
        {
            var headers = new Dictionary<string, string>();
            for (var n = random.Next(1, 4); n > 0; n--) headers[Names[random.Next(Names.Length)]] = Value(random);

            foreach (var part in parts)
            {
                Headers.Extract(part, headers);
                Headers.BaggageItems(part, headers);
            }

            var context = Headers.Extract(both, headers);
            Headers.BaggageItems(both, headers);

            if (context != default)
            {
                Assert.True(context.IsRemote);
                Assert.NotEqual("00000000000000000000000000000000", context.TraceId.ToHexString());
                Assert.NotEqual("0000000000000000", context.SpanId.ToHexString());
            }
        }
    }

    private static string Value(Random random)
    {
        if (random.Next(3) == 0)
        {
            // Pure noise, including control characters, surrogates and non-ASCII.
            var noise = new StringBuilder();
            for (var n = random.Next(0, 80); n > 0; n--) noise.Append((char)random.Next(0, 0xFFFF));
            return noise.ToString();
        }

        // A valid value with a few characters replaced, inserted or removed.
        var text = new StringBuilder(Seeds[random.Next(Seeds.Length)]);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(text.Length + 1);
            const string alphabet = "0123456789abcdefABCDEF-:;,=% \t\u00e9\uffff";
            var c = alphabet[random.Next(alphabet.Length)];
            switch (random.Next(3))
            {
                case 0 when at < text.Length: text[at] = c; break;
                case 1: text.Insert(at, c); break;
                default: if (at < text.Length) text.Remove(at, 1); break;
            }
        }

        return text.ToString();
    }
}
