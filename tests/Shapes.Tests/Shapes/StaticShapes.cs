using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public static class Calculator
{
    public static Exception? LastThrown { get; private set; }

    public static Activity? InnerSaw { get; private set; }

    [Traced]
    public static int Add(int a, int b) => a + b;

    [Traced("calc.multiply")]
    public static int Multiply(int a, int b) => a * b;

    [Traced(Kind = ActivityKind.Client)]
    public static string CallRemote(string what) => "remote:" + what;

    [Traced(Kind = ActivityKind.Server)]
    public static void Serve() { }

    [Traced(Kind = ActivityKind.Producer)]
    public static void Publish() { }

    [Traced("queue.consume", Kind = ActivityKind.Consumer)]
    public static void Consume() { }

    [Traced]
    public static int Tagged([Tag] int id, [Tag("user.name")] string name, string secret, [Tag] ConsoleColor color, [Tag] Guid guid, [Tag(UseToString = true)] Uri uri, [Tag] int? missing) =>
        id + name.Length + secret.Length;

    [Traced]
    [return: Tag]
    public static int Doubled(int x) => 2 * x;

    [Traced]
    [return: Tag("calc.text")]
    public static string Spelled(int x) => "n" + x;

    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Throwing(string message)
    {
        var e = new InvalidOperationException(message);
        LastThrown = e;
        throw e;
    }

    [Traced]
    public static int Outer(int x) => Inner(x) + 1;

    [Traced]
    public static int Inner(int x)
    {
        InnerSaw = Activity.Current;
        return x * 10;
    }

    [Traced]
    public static int Recovers()
    {
        try
        {
            return Throwing("handled inside");
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}

public sealed class StaticShapeTests
{
    [Fact]
    public void Default_name_is_type_and_method_and_the_result_is_unchanged()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(5, Calculator.Add(2, 3));

        var span = capture.Single("Calculator.Add");
        Expect.ChildOf(capture.Root, span);
        Expect.Ok(span);
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public void Explicit_name_replaces_the_default()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(12, Calculator.Multiply(3, 4));

        Assert.Equal(["calc.multiply"], capture.Names);
    }

    [Fact]
    public void Kind_is_taken_from_the_attribute()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal("remote:x", Calculator.CallRemote("x"));
        Calculator.Serve();
        Calculator.Publish();
        Calculator.Consume();

        Expect.ChildOf(capture.Root, capture.Single("Calculator.CallRemote"), ActivityKind.Client);
        Expect.ChildOf(capture.Root, capture.Single("Calculator.Serve"), ActivityKind.Server);
        Expect.ChildOf(capture.Root, capture.Single("Calculator.Publish"), ActivityKind.Producer);
        Expect.ChildOf(capture.Root, capture.Single("queue.consume"), ActivityKind.Consumer);
    }

    [Fact]
    public void Code_location_tags_point_at_the_declaration()
    {
        using var capture = SpanCapture.Start();

        Calculator.Add(1, 1);

        var span = capture.Single("Calculator.Add");
        Assert.Equal("Instrumentation.Shapes.Tests.Shapes.Calculator.Add", span.GetTagItem("code.function.name"));
        Assert.Equal(Expect.ThisFile(), span.GetTagItem("code.file.path"));
        Assert.Equal(SpanCapture.LineOf("Shapes/StaticShapes.cs", "public static int Add(int a, int b)"), span.GetTagItem("code.line.number"));
    }

    [Fact]
    public void Tagged_parameters_become_tags_and_others_do_not()
    {
        using var capture = SpanCapture.Start();
        var guid = Guid.NewGuid();

        Assert.Equal(7 + 3 + 6, Calculator.Tagged(7, "ann", "hunter", ConsoleColor.Blue, guid, new Uri("http://example.test/a"), null));

        var span = capture.Single("Calculator.Tagged");
        Assert.Equal(7, span.GetTagItem("id"));
        Assert.Equal("ann", span.GetTagItem("user.name"));
        Assert.Null(span.GetTagItem("name"));
        Assert.Null(span.GetTagItem("secret"));
        Assert.Equal(ConsoleColor.Blue, span.GetTagItem("color"));
        Assert.Equal(guid, span.GetTagItem("guid"));
        Assert.Equal("http://example.test/a", span.GetTagItem("uri"));
        Assert.DoesNotContain(span.TagObjects, t => t.Key == "missing");
    }

    [Fact]
    public void Return_value_tags_use_return_or_the_given_name()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(42, Calculator.Doubled(21));
        Assert.Equal("n5", Calculator.Spelled(5));

        Assert.Equal(42, capture.Single("Calculator.Doubled").GetTagItem("return"));
        Assert.Equal("n5", capture.Single("Calculator.Spelled").GetTagItem("calc.text"));
    }

    [Fact]
    public void Exception_is_recorded_and_rethrown_unchanged()
    {
        using var capture = SpanCapture.Start();

        var caught = Assert.Throws<InvalidOperationException>(() => Calculator.Throwing("boom"));

        Expect.SameException(Calculator.LastThrown, caught, nameof(Calculator.Throwing));
        var span = capture.Single("Calculator.Throwing");
        Expect.ChildOf(capture.Root, span);
        Expect.Recorded(span, caught, nameof(Calculator.Throwing));
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public void Traced_call_inside_traced_method_nests_and_current_is_restored()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(31, Calculator.Outer(3));

        Assert.Same(capture.Root, Activity.Current);
        var outer = capture.Single("Calculator.Outer");
        var inner = capture.Single("Calculator.Inner");
        Expect.ChildOf(capture.Root, outer);
        Expect.ChildOf(outer, inner);
        Assert.Same(inner, Calculator.InnerSaw);
        Assert.Equal(["Calculator.Inner", "Calculator.Outer"], capture.Names);
    }

    [Fact]
    public void Exception_handled_inside_marks_only_the_inner_span()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(-1, Calculator.Recovers());

        var outer = capture.Single("Calculator.Recovers");
        var inner = capture.Single("Calculator.Throwing");
        Expect.Ok(outer);
        Expect.Recorded(inner, Calculator.LastThrown!, nameof(Calculator.Throwing));
        Expect.ChildOf(outer, inner);
    }
}
