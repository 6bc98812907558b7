using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>A malformed header gives no parent (the next span is a new root) and never an exception.</summary>
public sealed class MalformedHeaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0")]            // three fields
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:1:1")]        // five fields
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7::1")]           // empty parent
    [InlineData(":00f067aa0ba902b7:0:1")]                          // empty trace id
    [InlineData("a3ce929d0e0e4736::0:1")]                          // empty span id
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:")]           // empty flags
    [InlineData("x3ce929d0e0e4736:00f067aa0ba902b7:0:1")]          // non-hex trace id
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902bz:0:1")]          // non-hex span id
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:z")]          // non-hex flags
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:100")]        // flags too long
    [InlineData("0:00f067aa0ba902b7:0:1")]                         // zero trace id
    [InlineData("00000000000000000000000000000000:00f067aa0ba902b7:0:1")]
    [InlineData("a3ce929d0e0e4736:0000000000000000:0:1")]          // zero span id
    [InlineData("14bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1")] // 33-digit trace id
    [InlineData("a3ce929d0e0e4736:100f067aa0ba902b7:0:1")]         // 17-digit span id
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:100f067aa0ba902b7:1")]
    [InlineData("a3ce929d0e0e4736%3G00f067aa0ba902b7%3A0%3A1")]    // bad escape
    [InlineData("-3ce929d0e0e4736:00f067aa0ba902b7:0:1")]
    [InlineData("a3ce929d0e0e4736:00f067aa0ba902b7:0:1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Jaeger(string header) => AssertNoParent(PropagationFormats.Jaeger, ("uber-trace-id", header));

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]  // version ff
    [InlineData("0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]  // non-hex version
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-")] // version 00 too long
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1")]   // short flags
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01")]   // short trace id
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01")]   // short span id
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")]  // uppercase trace id
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01")]  // uppercase span id
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A")]  // uppercase flags
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]  // zero trace id
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")]  // zero span id
    [InlineData("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")]  // wrong separators
    [InlineData("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.x")] // later version, no dash after flags
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz")]
    public void W3C(string header) => AssertNoParent(PropagationFormats.W3C, ("traceparent", header));

    [Theory]
    [InlineData("uber-trace-id", "0:0:0:0", "traceparent", "00-00000000000000000000000000000000-0000000000000000-00")]
    [InlineData("uber-trace-id", "", "traceparent", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    public void Both(string jaegerName, string jaeger, string w3cName, string w3c) =>
        AssertNoParent(PropagationFormats.Jaeger | PropagationFormats.W3C, (jaegerName, jaeger), (w3cName, w3c));

    [Fact]
    public void A_traced_consumer_given_malformed_headers_starts_a_new_root()
    {
        using var source = new ActivitySource("malformed." + System.Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var previous = DistributedContextPropagator.Current;
        DistributedContextPropagator.Current = JaegerPropagation.Create(PropagationFormats.Jaeger | PropagationFormats.W3C);
        try
        {
            var method = new TracedMethod(source, "consume", ActivityKind.Consumer);
            using var span = method.StartConsumer(Headers.Of(("uber-trace-id", "zz:zz:0:1"), ("traceparent", "00-zz")));

            Assert.NotNull(span);
            Assert.Null(span.Parent);
            Assert.Equal(default, span.ParentSpanId);
        }
        finally
        {
            DistributedContextPropagator.Current = previous;
        }
    }

    private static void AssertNoParent(PropagationFormats formats, params (string Name, string Value)[] headers)
    {
        var propagator = JaegerPropagation.Create(formats);
        var carrier = Headers.Of(headers);

        Assert.Null(Headers.TraceParent(propagator, carrier));
        Assert.Equal(default, Headers.Extract(propagator, carrier));
    }
}
