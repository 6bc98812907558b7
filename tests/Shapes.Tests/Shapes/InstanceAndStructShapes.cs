using System;
using System.Diagnostics;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public sealed class Counter
{
    public int Count { get; private set; }

    [Traced]
    public int Increment(int by = 1) => Count += by;
}

public struct MutableCounter
{
    public int Value;

    [Traced]
    public void Bump(int by) => Value += by;

    [Traced]
    public int BumpAndGet()
    {
        Value++;
        return Value;
    }

    [Traced]
    public readonly int Peek() => Value;
}

public readonly struct Point(int x, int y)
{
    public int X { get; } = x;

    public int Y { get; } = y;

    [Traced]
    public int Sum() => X + Y;

    [Traced]
    public Point Offset(int by) => new(X + by, Y + by);
}

public sealed class CounterHolder
{
    public readonly MutableCounter ReadOnlyField = new() { Value = 100 };
    public MutableCounter Field;
    public MutableCounter[] Array = new MutableCounter[2];

    public MutableCounter Property { get; set; }
}

public sealed class InstanceShapeTests
{
    [Fact]
    public void Instance_method_on_a_class_is_traced_and_acts_on_the_same_object()
    {
        using var capture = SpanCapture.Start();
        var counter = new Counter();

        Assert.Equal(2, counter.Increment(2));
        Assert.Equal(5, counter.Increment(3));

        Assert.Equal(5, counter.Count);
        Assert.Equal(2, capture.Spans.Count);
        Assert.All(capture.Spans, s => Assert.Equal("Counter.Increment", s.DisplayName));
        Assert.All(capture.Spans, s => Expect.ChildOf(capture.Root, s));
    }

    [Fact]
    public void Null_conditional_call_on_null_makes_no_span_and_evaluates_no_argument()
    {
        using var capture = SpanCapture.Start();
        Counter? missing = null;
        var evaluated = 0;

        var result = missing?.Increment(++evaluated);

        Assert.Null(result);
        Assert.Equal(0, evaluated);
        Assert.Empty(capture.Started);
    }

    [Fact]
    public void Null_conditional_call_on_an_object_is_traced()
    {
        using var capture = SpanCapture.Start();
        Counter? present = new();

        var result = present?.Increment(4);

        Assert.Equal(4, result);
        Expect.ChildOf(capture.Root, capture.Single("Counter.Increment"));
    }

    [Fact]
    public void Call_inside_a_lambda_is_traced_when_the_lambda_runs()
    {
        using var capture = SpanCapture.Start();
        var counter = new Counter();
        Func<int, int> bump = by => counter.Increment(by);

        Assert.Empty(capture.Started);
        Assert.Equal(3, bump(3));

        Expect.ChildOf(capture.Root, capture.Single("Counter.Increment"));
    }
}

public sealed class StructShapeTests
{
    [Fact]
    public void Mutations_of_a_local_struct_flow_back()
    {
        using var capture = SpanCapture.Start();
        var counter = new MutableCounter();

        counter.Bump(2);
        counter.Bump(3);
        var after = counter.BumpAndGet();

        Assert.Equal(6, after);
        Assert.Equal(6, counter.Value);
        Assert.Equal(["MutableCounter.Bump", "MutableCounter.Bump", "MutableCounter.BumpAndGet"], capture.Names);
    }

    [Fact]
    public void Mutations_of_a_struct_in_a_field_array_element_or_ref_local_flow_back()
    {
        using var capture = SpanCapture.Start();
        var holder = new CounterHolder();

        holder.Field.Bump(4);
        holder.Array[1].Bump(7);
        ref var local = ref holder.Field;
        local.Bump(1);

        Assert.Equal(5, holder.Field.Value);
        Assert.Equal(7, holder.Array[1].Value);
        Assert.Equal(0, holder.Array[0].Value);
        Assert.Equal(3, capture.Spans.Count);
    }

    [Fact]
    public void Copies_stay_copies_for_a_property_and_a_readonly_field()
    {
        using var capture = SpanCapture.Start();
        var holder = new CounterHolder();

        holder.Property.Bump(4); // mutates a temporary copy, as without tracing
        var fromCopy = holder.ReadOnlyField.BumpAndGet(); // likewise: readonly fields are copied first

        Assert.Equal(0, holder.Property.Value);
        Assert.Equal(101, fromCopy);
        Assert.Equal(100, holder.ReadOnlyField.Value);
        Assert.Equal(["MutableCounter.Bump", "MutableCounter.BumpAndGet"], capture.Names);
    }

    [Fact]
    public void Readonly_member_and_readonly_struct_are_traced()
    {
        using var capture = SpanCapture.Start();
        var holder = new CounterHolder();
        var point = new Point(1, 2);

        Assert.Equal(100, holder.ReadOnlyField.Peek());
        Assert.Equal(3, point.Sum());
        Assert.Equal(23, new Point(10, 11).Offset(1).Sum());

        Assert.Equal(["MutableCounter.Peek", "Point.Sum", "Point.Offset", "Point.Sum"], capture.Names);
        Assert.All(capture.Spans, s => Expect.ChildOf(capture.Root, s));
    }
}
