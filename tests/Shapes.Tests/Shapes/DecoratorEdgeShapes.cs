using System;
using Instrumentation.Generated;
using Instrumentation.Shapes.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public interface IEdgeNamed
{
    string Name();
}

[Traced]
public interface IEdgeHiding : IEdgeNamed
{
    new string Name();
}

public sealed class EdgeHiding : IEdgeHiding
{
    string IEdgeNamed.Name() => "base";

    public string Name() => "new";
}

[Traced]
public interface IEdgeSealed
{
    int M();

    sealed int S() => 7;
}

public sealed class EdgeSealed : IEdgeSealed
{
    public int M() => 1;
}

[Traced]
public interface IEdgeFirst
{
    int First();
}

[Traced]
public interface IEdgeSecond : IEdgeFirst
{
    int Second();
}

public sealed class EdgeBoth : IEdgeSecond
{
    public int First() => 1;

    public int Second() => 2;
}

[Traced]
public interface IEdgeResource : IDisposable
{
    int Use();
}

public sealed class EdgeResource : IEdgeResource
{
    public int Disposals { get; private set; }

    public int Use() => Disposals;

    public void Dispose() => Disposals++;
}

/// <summary>Decorator shapes that once forwarded to the wrong member, lost or doubled spans, or disposed what they did not own.</summary>
public sealed class DecoratorEdgeShapeTests
{
    [Fact]
    public void A_base_member_hidden_with_new_is_forwarded_to_the_base_member()
    {
        IEdgeHiding decorator = new IEdgeHidingTracedDecorator(new EdgeHiding());

        Assert.Equal("base", ((IEdgeNamed)decorator).Name());
        Assert.Equal("new", decorator.Name());
    }

    [Fact]
    public void An_intercepted_call_of_a_sealed_member_leaves_no_mark_behind()
    {
        using var capture = SpanCapture.Start();
        IEdgeSealed decorator = new IEdgeSealedTracedDecorator(new EdgeSealed());

        Assert.Equal(7, decorator.S()); // intercepted; the decorator does not implement S, so it must not be marked
        Assert.Equal(1, typeof(IEdgeSealed).GetMethod(nameof(IEdgeSealed.M))!.Invoke(decorator, null)); // not intercepted

        Assert.Equal(["IEdgeSealed.S", "IEdgeSealed.M"], capture.Names);
    }

    [Fact]
    public void Two_traced_services_resolving_to_one_decorator_give_one_span_per_call()
    {
        using var capture = SpanCapture.Start();
        using var provider = new ServiceCollection()
            .AddSingleton<IEdgeSecond, EdgeBoth>()
            .AddSingleton<IEdgeFirst>(sp => sp.GetRequiredService<IEdgeSecond>())
            .AddTracedDecorators()
            .BuildServiceProvider();
        var first = provider.GetRequiredService<IEdgeFirst>();

        Assert.Equal(1, typeof(IEdgeFirst).GetMethod(nameof(IEdgeFirst.First))!.Invoke(first, null));

        Assert.Same(provider.GetRequiredService<IEdgeSecond>(), first);
        Assert.Equal(["IEdgeFirst.First"], capture.Names);
    }

    [Fact]
    public void A_factory_that_gives_null_still_gives_null()
    {
        // The original was resolved as a required service: GetService threw instead of returning null.
        using var provider = new ServiceCollection().AddSingleton<IEdgeFirst>(_ => null!).AddTracedDecorators().BuildServiceProvider();

        Assert.Null(provider.GetService<IEdgeFirst>());
    }

    [Fact]
    public void Keyed_look_ups_of_a_decorated_service_see_only_the_services_registered_with_keys()
    {
        // The originals were kept as keyed registrations of the service type: AnyKey listed them too.
        using var provider = new ServiceCollection()
            .AddKeyedSingleton<IEdgeSecond, EdgeBoth>("orders")
            .AddSingleton<IEdgeSecond, EdgeBoth>()
            .AddTracedDecorators()
            .BuildServiceProvider();

        Assert.Single(provider.GetKeyedServices<IEdgeSecond>(KeyedService.AnyKey));
        Assert.IsType<IEdgeSecondTracedDecorator>(provider.GetRequiredService<IEdgeSecond>());
    }

    [Fact]
    public void The_container_disposes_what_it_built_once_and_a_registered_instance_never()
    {
        var owned = new EdgeResource();
        EdgeResource built;
        using (var provider = new ServiceCollection().AddSingleton<IEdgeResource>(owned).AddTracedDecorators().BuildServiceProvider())
        {
            Assert.IsType<IEdgeResourceTracedDecorator>(provider.GetRequiredService<IEdgeResource>());
        }

        using (var provider = new ServiceCollection().AddSingleton<IEdgeResource, EdgeResource>().AddTracedDecorators().BuildServiceProvider())
        {
            built = Assert.IsType<EdgeResource>(Assert.IsType<IEdgeResourceTracedDecorator>(provider.GetRequiredService<IEdgeResource>()).Inner);
        }

        Assert.Equal(0, owned.Disposals);
        Assert.Equal(1, built.Disposals);

        var byHand = new EdgeResource();
        ((IDisposable)new IEdgeResourceTracedDecorator(byHand)).Dispose(); // a decorator made by hand owns its inner instance
        Assert.Equal(1, byHand.Disposals);
    }
}
