using System.Collections.Generic;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

[Traced]
public sealed class Inventory
{
    private readonly List<string> items = [];

    public int Count => items.Count;

    public string this[int index] => items[index];

    public static Inventory Create() => new();

    public static Inventory operator +(Inventory inventory, string item)
    {
        inventory.items.Add(item);
        return inventory;
    }

    public int Add(string item)
    {
        items.Add(item);
        return items.Count;
    }

    [Traced("inventory.clear")]
    public void Clear() => items.Clear();

    [NotTraced]
    public int Quiet() => items.Count;

    public override string ToString() => string.Join(",", items);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => items.Count;

    [NotTraced]
    public sealed class Untraced
    {
        public int Work() => 1;
    }

    public sealed class Nested
    {
        public int Work() => 2;
    }
}

public sealed class TypeLevelShapeTests
{
    [Fact]
    public void Traced_class_covers_its_ordinary_methods_only()
    {
        using var capture = SpanCapture.Start();

        var inventory = Inventory.Create();
        Assert.Equal(1, inventory.Add("a"));
        inventory += "b";
        Assert.Equal(2, inventory.Count);
        Assert.Equal("b", inventory[1]);
        Assert.Equal("a,b", inventory.ToString());
        Assert.True(inventory.Equals(inventory));
        Assert.Equal(2, inventory.GetHashCode());
        Assert.Equal(2, inventory.Quiet());
        inventory.Clear();
        Assert.Equal(0, inventory.Count);

        Assert.Equal(["Inventory.Create", "Inventory.Add", "inventory.clear"], capture.Names);
    }

    [Fact]
    public void Nested_types_follow_the_nearest_Traced_or_NotTraced()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(1, new Inventory.Untraced().Work());
        Assert.Equal(2, new Inventory.Nested().Work());

        Assert.Equal(["Nested.Work"], capture.Names);
    }
}

[Traced]
public class Animal
{
    public virtual string Sound() => "...";
}

public sealed class Dog : Animal
{
    public override string Sound() => "woof";
}

public sealed class TypeLevelOverrideTests
{
    [Fact]
    public void An_override_of_a_method_covered_by_a_traced_base_type_is_traced_when_called_on_the_derived_type()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal("woof", new Dog().Sound());

        Expect.ChildOf(capture.Root, capture.Single("Dog.Sound"));
    }
}
