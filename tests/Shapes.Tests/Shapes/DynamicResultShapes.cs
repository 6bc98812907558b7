using System.Linq;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public sealed class LooseApi
{
    [Traced]
    public dynamic Loose(int id) => id * 2;

    [Traced]
    public T Id<T>(T value) => value;
}

public sealed class DynamicResultShapeTests
{
    [Fact]
    public void Statically_bound_calls_that_return_dynamic_are_traced()
    {
        using var capture = SpanCapture.Start();
        var api = new LooseApi();

        int doubled = api.Loose(21);
        int same = api.Id<dynamic>(7);

        Assert.Equal((42, 7), (doubled, same));
        Assert.Equal(["LooseApi.Loose", "LooseApi.Id"], capture.Spans.Select(s => s.DisplayName));
    }
}
