using System;
using System.Diagnostics.CodeAnalysis;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

// Attributes of traced methods that their interceptors must repeat: without them the SDK's compiler
// (or its analyzers) fails this project's build, so building it is most of the test.
public class NeverReturns
{
    [Traced]
    [DoesNotReturn]
    public static void Static() => throw new InvalidOperationException("static");

    [Traced]
    [DoesNotReturn]
    public void Instance() => throw new InvalidOperationException("instance");

    [Traced]
    [DoesNotReturn]
    public virtual void Virtual() => throw new InvalidOperationException("virtual");
}

public static class NeverReturnsExtensions
{
    [Traced]
    [DoesNotReturn]
    public static void Extension(this NeverReturns target) => throw new InvalidOperationException("extension");
}

[Traced]
public interface INeverReturns
{
    [DoesNotReturn]
    void Stop();
}

public sealed class NeverReturnsImpl : INeverReturns
{
    [DoesNotReturn]
    public void Stop() => throw new InvalidOperationException("interface");
}

public static class Unstable
{
    [Traced]
    [Experimental("SHAPEEXP01")]
    public static int Experimental() => 1;

    [Traced]
    [Obsolete("use something else", DiagnosticId = "SHAPEOLD01")]
    public static int Old() => 2;
}

#pragma warning disable SHAPEEXP02
[Traced]
[Experimental("SHAPEEXP02")]
public interface IUnstable
{
    int M();
}

public sealed class UnstableImpl : IUnstable
{
    public int M() => 3;
}
#pragma warning restore SHAPEEXP02

public static class PreviewOnly
{
    [Traced]
    [System.Runtime.Versioning.RequiresPreviewFeatures]
    public static int Compute() => 4;
}

[Traced]
[System.Runtime.Versioning.RequiresPreviewFeatures]
public interface IPreviewOnly
{
    int M();
}

[System.Runtime.Versioning.RequiresPreviewFeatures]
public sealed class PreviewOnlyImpl : IPreviewOnly
{
    public int M() => 5;
}

public sealed class AttributeShapeTests
{
    [Fact]
    [System.Runtime.Versioning.RequiresPreviewFeatures]
    public void Preview_feature_requirements_are_repeated_by_interceptors_and_decorators()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(4, PreviewOnly.Compute());
        IPreviewOnly decorated = new Instrumentation.Generated.IPreviewOnlyTracedDecorator(new PreviewOnlyImpl());
        Assert.Equal(5, decorated.M());

        Assert.Equal(["PreviewOnly.Compute", "IPreviewOnly.M"], capture.Names);
    }

    [Fact]
    public void Experimental_and_obsolete_ids_suppressed_by_the_caller_do_not_break_generated_code()
    {
        using var capture = SpanCapture.Start();

#pragma warning disable SHAPEEXP01, SHAPEOLD01, SHAPEEXP02
        Assert.Equal(1, Unstable.Experimental());
        Assert.Equal(2, Unstable.Old());
        IUnstable decorated = new Instrumentation.Generated.IUnstableTracedDecorator(new UnstableImpl());
        Assert.Equal(3, decorated.M());
#pragma warning restore SHAPEEXP01, SHAPEOLD01, SHAPEEXP02

        Assert.Equal(["Unstable.Experimental", "Unstable.Old", "IUnstable.M"], capture.Names);
    }

    [Fact]
    public void DoesNotReturn_methods_are_intercepted_at_every_kind_of_call_site()
    {
        using var capture = SpanCapture.Start();
        var target = new NeverReturns();
        INeverReturns stopper = new NeverReturnsImpl();

        Assert.Throws<InvalidOperationException>(() => NeverReturns.Static());
        Assert.Throws<InvalidOperationException>(() => target.Instance());
        Assert.Throws<InvalidOperationException>(() => target.Virtual());
        Assert.Throws<InvalidOperationException>(() => target.Extension());
        Assert.Throws<InvalidOperationException>(() => stopper.Stop());

        Assert.Equal(5, capture.Spans.Count);
    }
}
