using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public struct Big
{
    public long A;
    public long B;
    public long C;
    public long D;
}

public static class Parameters
{
    [Traced]
    public static bool TryParse(string text, out int value) => int.TryParse(text, out value);

    [Traced]
    [return: Tag]
    public static bool TryVersion(string text, [NotNullWhen(true)] out Version? version) => Version.TryParse(text, out version);

    [Traced]
    public static bool TryFind(string key, [MaybeNullWhen(false)] out string value)
    {
        value = key == "a" ? "found" : null;
        return value is not null;
    }

    [Traced]
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Upper(string? text) => text?.ToUpperInvariant();

    [Traced]
    public static void Swap<T>(ref T a, ref T b) => (a, b) = (b, a);

    [Traced]
    public static long Sum(in Big big) => big.A + big.B + big.C + big.D;

    [Traced]
    public static int ReadThenWrite(in int read, ref int write)
    {
        write = 5;
        return read; // the same variable as "write" when the caller passes it twice
    }

    [Traced]
    public static int Peek(ref readonly int value) => value;

    [Traced]
    public static void Increment([Tag] ref int counter) => counter++;

    [Traced]
    public static void SetThenThrow(ref int value)
    {
        value = 42;
        throw new InvalidOperationException("after the write");
    }

    [Traced]
    public static int Total(params int[] values) => values.Sum();

    [Traced]
    public static int[] Same(params int[] values) => values;

    [Traced]
    public static int SpanTotal(params ReadOnlySpan<int> values)
    {
        var total = 0;
        foreach (var v in values) total += v;
        return total;
    }

    [Traced]
    public static string Join(string separator, params string[] parts) => string.Join(separator, parts);

    [Traced]
    public static string Greeting(string name, string greeting = "Hello", [Tag] int times = 1, decimal rate = 1.5m, ConsoleColor color = ConsoleColor.Red, string? suffix = null) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{greeting} {name} x{times} @{rate} {color}{suffix}");

    [Traced]
    public static string Pair(int first, int second) => $"{first},{second}";

    [Traced]
    public static string Caller([CallerMemberName] string member = "", [CallerLineNumber] int line = 0, [CallerArgumentExpression(nameof(value))] string expression = "", int value = 0) =>
        $"{member}:{line}:{expression}:{value}";
}

public sealed class Slots
{
    private static int shared;
    private readonly int[] values = new int[3];

    public int this[int index] => values[index];

    [Traced]
    public static ref int Shared() => ref shared;

    [Traced]
    public ref int At(int index) => ref values[index];

    [Traced]
    public ref readonly int Read(int index) => ref values[index];
}

public sealed class ParameterShapeTests
{
    [Fact]
    public void Out_parameters_are_assigned_through_the_interceptor()
    {
        using var capture = SpanCapture.Start();

        Assert.True(Parameters.TryParse("12", out var parsed));
        Assert.Equal(12, parsed);
        Assert.False(Parameters.TryParse("x", out var failed));
        Assert.Equal(0, failed);
        Assert.True(Parameters.TryFind("a", out var found));
        Assert.Equal("found", found);
        Assert.False(Parameters.TryFind("b", out _));

        Assert.Equal(["Parameters.TryParse", "Parameters.TryParse", "Parameters.TryFind", "Parameters.TryFind"], capture.Names);
    }

    [Fact]
    public void Nullable_flow_attributes_and_return_tags_work_together()
    {
        using var capture = SpanCapture.Start();

        Assert.True(Parameters.TryVersion("1.2", out var version));
        Assert.Equal(new Version(1, 2), version);
        Assert.False(Parameters.TryVersion("x", out var none));
        Assert.Null(none);
        Assert.Equal("A", Parameters.Upper("a"));
        Assert.Null(Parameters.Upper(null));

        Assert.Equal([true, false], capture.Spans.Where(s => s.DisplayName == "Parameters.TryVersion").Select(s => s.GetTagItem("return")));
        Assert.Equal(2, capture.Spans.Count(s => s.DisplayName == "Parameters.Upper"));
    }

    [Fact]
    public void Ref_and_in_arguments_are_the_callers_variables()
    {
        using var capture = SpanCapture.Start();
        var a = "left";
        var b = "right";
        var big = new Big { A = 1, B = 2, C = 3, D = 4 };
        var shared = 1;

        Parameters.Swap(ref a, ref b);
        var read = Parameters.ReadThenWrite(in shared, ref shared);

        Assert.Equal(("right", "left"), (a, b));
        Assert.Equal(10, Parameters.Sum(in big));
        Assert.Equal(10, Parameters.Sum(big));
        Assert.Equal(5, read);
        Assert.Equal(5, Parameters.Peek(ref shared));
        Assert.Equal(["Parameters.Swap", "Parameters.ReadThenWrite", "Parameters.Sum", "Parameters.Sum", "Parameters.Peek"], capture.Names);
    }

    [Fact]
    public void Ref_tag_is_the_value_on_entry()
    {
        using var capture = SpanCapture.Start();
        var counter = 7;

        Parameters.Increment(ref counter);

        Assert.Equal(8, counter);
        Assert.Equal(7, capture.Single("Parameters.Increment").GetTagItem("counter"));
    }

    [Fact]
    public void Ref_write_before_an_exception_is_kept()
    {
        using var capture = SpanCapture.Start();
        var value = 0;

        var caught = Assert.Throws<InvalidOperationException>(() => Parameters.SetThenThrow(ref value));

        Assert.Equal(42, value);
        Expect.Recorded(capture.Single("Parameters.SetThenThrow"), caught, nameof(Parameters.SetThenThrow));
    }

    [Fact]
    public void Params_arrays_and_spans_get_the_same_arguments()
    {
        using var capture = SpanCapture.Start();
        var array = new[] { 4, 5 };

        Assert.Equal(6, Parameters.Total(1, 2, 3));
        Assert.Equal(0, Parameters.Total());
        Assert.Same(array, Parameters.Same(array));
        Assert.Equal(6, Parameters.SpanTotal(1, 2, 3));
        Assert.Equal(9, Parameters.SpanTotal([.. array]));
        Assert.Equal("a-b", Parameters.Join("-", "a", "b"));

        Assert.Equal(["Parameters.Total", "Parameters.Total", "Parameters.Same", "Parameters.SpanTotal", "Parameters.SpanTotal", "Parameters.Join"], capture.Names);
    }

    [Fact]
    public void Optional_arguments_get_their_defaults_and_named_arguments_their_places()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal("Hello ann x1 @1.5 Red", Parameters.Greeting("ann"));
        Assert.Equal("Hi bob x3 @1.5 Blue!", Parameters.Greeting(times: 3, color: ConsoleColor.Blue, name: "bob", greeting: "Hi", suffix: "!"));

        Assert.Equal([1, 3], capture.Spans.Select(s => s.GetTagItem("times")));
    }

    [Fact]
    public void Named_arguments_are_evaluated_in_the_order_written()
    {
        using var capture = SpanCapture.Start();
        var next = 0;

        var result = Parameters.Pair(second: ++next, first: ++next);

        Assert.Equal("2,1", result);
        Assert.Equal(["Parameters.Pair"], capture.Names);
    }

    [Fact]
    public void Caller_info_defaults_describe_the_original_call_site()
    {
        using var capture = SpanCapture.Start();

        var described = Parameters.Caller(value: 1 + 2); var line = Expect.Here();

        Assert.Equal($"{nameof(Caller_info_defaults_describe_the_original_call_site)}:{line}:1 + 2:3", described);
        Assert.Equal(["Parameters.Caller"], capture.Names);
    }

    [Fact]
    public void Writes_through_a_returned_ref_land_in_the_field()
    {
        using var capture = SpanCapture.Start();
        var slots = new Slots();

        slots.At(1) = 5;
        ref var slot = ref slots.At(2);
        slot = 9;
        Slots.Shared() = 3;
        ref readonly var read = ref slots.Read(2);

        Assert.Equal(5, slots[1]);
        Assert.Equal(9, slots[2]);
        Assert.Equal(3, Slots.Shared());
        Assert.True(Unsafe.AreSame(ref Unsafe.AsRef(in read), ref slot));
        Assert.Equal(["Slots.At", "Slots.At", "Slots.Shared", "Slots.Read", "Slots.Shared"], capture.Names);
    }
}
