using System.Linq;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

// An 'in' or 'ref readonly' parameter of a virtual or interface member carries a required modifier
// that no static interceptor can repeat: the SDK's compiler would reject the interceptor (CS9154) and
// break the build. The generator leaves such calls alone and says so (TRC011), suppressed here as a
// user may. This file compiling with the SDK is half of the test.
[Traced]
public interface IReadsByReference
{
    int Read(in int value);
}

public sealed class ReadsByReference : IReadsByReference
{
    public int Read(in int value) => value + 1;
}

public class VirtualReader
{
    [Traced]
    public virtual int Peek(ref readonly int value) => value * 2;

    [Traced]
    public int Plain(in int value) => value * 3; // not virtual: no modifier, intercepted as usual
}

public sealed class ModifiedParameterShapeTests
{
    [Fact]
    public void Calls_of_virtual_members_with_in_or_ref_readonly_parameters_build_and_run_untraced()
    {
        using var capture = SpanCapture.Start();
        var value = 20;

#pragma warning disable TRC011 // documented: these two calls cannot be intercepted
        Assert.Equal(21, ((IReadsByReference)new ReadsByReference()).Read(in value));
        Assert.Equal(40, new VirtualReader().Peek(in value));
#pragma warning restore TRC011
        Assert.Equal(60, new VirtualReader().Plain(in value));

        Assert.Equal(["VirtualReader.Plain"], capture.Spans.Select(s => s.DisplayName));
    }
}
