using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public static class Generics
{
    [Traced]
    public static T Echo<T>(T value) => value;

    [Traced]
    public static T Create<T>() where T : class, new() => new();

    [Traced]
    public static T? OrNull<T>(bool has, T value) where T : struct => has ? value : null;

    [Traced]
    public static T Max<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;

    [Traced]
    public static TList Fill<TList, TItem>(TList list, TItem item, int count) where TList : ICollection<TItem>
    {
        for (var i = 0; i < count; i++) list.Add(item);
        return list;
    }

    [Traced]
    public static int SizeOf<T>() where T : unmanaged => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}

public sealed class Box<T>(T value) where T : notnull
{
    [Traced]
    public static Box<T> Of(T value) => new(value);

    [Traced]
    public T Get() => value;

    [Traced]
    public TOut Map<TOut>(Func<T, TOut> map) => map(value);

    [Traced]
    public bool TryAs<TDerived>([NotNullWhen(true)] out TDerived? result) where TDerived : class, T
    {
        result = value as TDerived;
        return result is not null;
    }
}

public sealed class Registry<TKey, TValue> where TKey : notnull where TValue : class, new()
{
    private readonly Dictionary<TKey, TValue> items = new();

    [Traced]
    public TValue GetOrAdd(TKey key)
    {
        if (!items.TryGetValue(key, out var found)) items[key] = found = new TValue();
        return found;
    }

    [Traced]
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => items.TryGetValue(key, out value);
}

public struct ValueCell<T> where T : struct
{
    public T Value;

    [Traced]
    public void Set(T value) => Value = value;
}

public static class Outer<T>
{
    public sealed class Inner<U>
    {
        [Traced]
        public (T, U, V) Triple<V>(T t, U u, V v) where V : U => (t, u, v);
    }
}

public sealed class GenericShapeTests
{
    [Fact]
    public void Generic_methods_are_traced_for_every_type_argument()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(3, Generics.Echo(3));
        Assert.Equal("x", Generics.Echo("x"));
        Assert.IsType<List<int>>(Generics.Create<List<int>>());
        Assert.Equal(4, Generics.OrNull(true, 4));
        Assert.Null(Generics.OrNull(false, 4));
        Assert.Equal("b", Generics.Max("a", "b"));
        Assert.Equal([7, 7], Generics.Fill(new List<int>(), 7, 2));
        Assert.Equal(8, Generics.SizeOf<long>());

        Assert.Equal(
            ["Generics.Echo", "Generics.Echo", "Generics.Create", "Generics.OrNull", "Generics.OrNull", "Generics.Max", "Generics.Fill", "Generics.SizeOf"],
            capture.Names);
    }

    [Fact]
    public void Members_of_generic_types_are_traced()
    {
        using var capture = SpanCapture.Start();
        var box = Box<object>.Of("text");

        Assert.Equal("text", box.Get());
        Assert.Equal(4, box.Map(o => o.ToString()!.Length));
        Assert.True(box.TryAs<string>(out var text));
        Assert.Equal("text", text);
        Assert.False(box.TryAs<Uri>(out var uri));
        Assert.Null(uri);

        Assert.Equal(["Box.Of", "Box.Get", "Box.Map", "Box.TryAs", "Box.TryAs"], capture.Names);
        Assert.Equal("Instrumentation.Shapes.Tests.Shapes.Box<T>.Get", capture.Spans[1].GetTagItem("code.function.name"));
    }

    [Fact]
    public void Constrained_generic_types_keep_their_behaviour()
    {
        using var capture = SpanCapture.Start();
        var registry = new Registry<string, List<int>>();
        var cell = new ValueCell<int>();

        var first = registry.GetOrAdd("a");
        Assert.Same(first, registry.GetOrAdd("a"));
        Assert.True(registry.TryGet("a", out var found));
        Assert.Same(first, found);
        Assert.False(registry.TryGet("b", out _));
        cell.Set(9);
        Assert.Equal(9, cell.Value);
        Assert.Equal((1, "u", "v"), new Outer<int>.Inner<object>().Triple(1, "u", "v"));

        Assert.Equal(
            ["Registry.GetOrAdd", "Registry.GetOrAdd", "Registry.TryGet", "Registry.TryGet", "ValueCell.Set", "Inner.Triple"],
            capture.Names);
    }
}
