using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public interface IInheritedCarrierQueue
{
    [Traced("inherited carrier handle", Kind = ActivityKind.Consumer)]
    int Handle([TraceContext] IDictionary<string, string> h);
}

public sealed class InheritedCarrierQueue : IInheritedCarrierQueue
{
    public int Handle(IDictionary<string, string> headers) => headers.Count;
}

public sealed class InheritedCarrierShapeTests
{
    [Fact]
    public void Implementation_called_directly_takes_its_carrier_from_the_interface_member()
    {
        using var capture = SpanCapture.Start();
        var remoteParent = ActivitySpanId.CreateRandom();
        var headers = new Dictionary<string, string> { ["traceparent"] = $"00-{capture.Root.TraceId}-{remoteParent}-01" };

        Assert.Equal(1, new InheritedCarrierQueue().Handle(headers)); // on the class, not the interface

        var span = capture.Single("inherited carrier handle");
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(remoteParent, span.ParentSpanId);
    }
}
