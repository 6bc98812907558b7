using System;
using System.Collections.Generic;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public interface IGreeter
{
    [Traced]
    string Greet(string name);

    string Plain(string name);
}

public sealed class EnglishGreeter : IGreeter
{
    public string Greet(string name) => "Hello " + name;

    public string Plain(string name) => "Hi " + name;
}

public sealed class FrenchGreeter : IGreeter
{
    public string Greet(string name) => "Bonjour " + name;

    public string Plain(string name) => "Salut " + name;
}

public sealed class QuietGreeter : IGreeter
{
    [NotTraced]
    public string Greet(string name) => "psst " + name;

    public string Plain(string name) => name;
}

[Traced]
public interface IStore
{
    int Save(string item);

    int Count { get; }
}

public sealed class MemoryStore : IStore
{
    private readonly List<string> items = [];

    public int Count => items.Count;

    public int Save(string item)
    {
        items.Add(item);
        return items.Count;
    }
}

public abstract class Shape
{
    [Traced]
    public abstract double Area();

    [Traced]
    public virtual string Describe() => "shape";

    public virtual string Name() => "shape";
}

public sealed class Square(double side) : Shape
{
    public override double Area() => side * side;

    public override string Describe() => "square";

    public override string Name() => "square";
}

public class Circle(double radius) : Shape
{
    public override double Area() => Math.PI * radius * radius;
}

public sealed class InheritanceShapeTests
{
    [Fact]
    public void Interface_call_is_traced_and_dispatches_to_the_implementation()
    {
        using var capture = SpanCapture.Start();
        IGreeter[] greeters = [new EnglishGreeter(), new FrenchGreeter()];

        Assert.Equal("Hello a", greeters[0].Greet("a"));
        Assert.Equal("Bonjour b", greeters[1].Greet("b"));
        Assert.Equal("Hi c", greeters[0].Plain("c"));

        // The interceptor sees the static (interface) type of the call, so that names the span.
        Assert.Equal(["IGreeter.Greet", "IGreeter.Greet"], capture.Names);
    }

    [Fact]
    public void Traced_interface_member_covers_calls_on_the_implementation_type()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal("Hello a", new EnglishGreeter().Greet("a"));
        Assert.Equal("Salut b", new FrenchGreeter().Plain("b"));

        Assert.Equal(["EnglishGreeter.Greet"], capture.Names);
    }

    [Fact]
    public void NotTraced_implementation_is_not_traced_when_called_directly()
    {
        using var capture = SpanCapture.Start();
        var quiet = new QuietGreeter();

        Assert.Equal("psst a", quiet.Greet("a"));
        Assert.Empty(capture.Started);

        // Through the interface, the call is to the traced interface member.
        Assert.Equal("psst b", ((IGreeter)quiet).Greet("b"));
        Assert.Equal(["IGreeter.Greet"], capture.Names);
    }

    [Fact]
    public void Traced_interface_type_covers_its_methods_but_not_its_properties()
    {
        using var capture = SpanCapture.Start();
        IStore store = new MemoryStore();
        var concrete = (MemoryStore)store;

        Assert.Equal(1, store.Save("a"));
        Assert.Equal(2, concrete.Save("b"));
        Assert.Equal(2, store.Count);

        Assert.Equal(["IStore.Save", "MemoryStore.Save"], capture.Names);
    }

    [Fact]
    public void Virtual_call_through_the_base_type_is_traced_and_stays_virtual()
    {
        using var capture = SpanCapture.Start();
        Shape[] shapes = [new Square(2), new Circle(1)];

        Assert.Equal(4, shapes[0].Area());
        Assert.Equal(Math.PI, shapes[1].Area());
        Assert.Equal("square", shapes[0].Describe());
        Assert.Equal("shape", shapes[1].Describe());
        Assert.Equal("square", shapes[0].Name());

        Assert.Equal(["Shape.Area", "Shape.Area", "Shape.Describe", "Shape.Describe"], capture.Names);
    }

    [Fact]
    public void Traced_base_member_covers_overrides_called_directly()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(9, new Square(3).Area());
        Assert.Equal("square", new Square(3).Describe());
        Assert.Equal("square", new Square(3).Name());

        Assert.Equal(["Square.Area", "Square.Describe"], capture.Names);
    }
}
