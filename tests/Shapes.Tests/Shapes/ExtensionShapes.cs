using System;
using System.Collections.Generic;
using System.Linq;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public static class TextExtensions
{
    [Traced]
    public static string Shout(this string text, [Tag] int times = 1) => string.Concat(Enumerable.Repeat(text.ToUpperInvariant(), times));

    [Traced]
    public static void Grow(this ref MutableCounter counter, int by) => counter.Value += by;

    [Traced]
    public static int Total(this in Point point) => point.X + point.Y;

    [Traced]
    public static int CountWhere<T>(this IEnumerable<T> items, Func<T, bool> predicate) => items.Count(predicate);
}

/// <summary>C# 14 extension members: instance and static, on a value, by ref, and in a generic block.</summary>
public static class MemberExtensions
{
    extension(string text)
    {
        [Traced]
        public string Whisper() => text.ToLowerInvariant();

        [Traced]
        public static string Repeat(char c, int count) => new(c, count);

        public int Size => text.Length;
    }

    extension(ref MutableCounter counter)
    {
        [Traced]
        public void AddTwice(int by) => counter.Value += 2 * by;
    }

    extension<T>(List<T> list) where T : class
    {
        [Traced]
        public T Head() => list[0];

        [Traced]
        public TOut MapHead<TOut>(Func<T, TOut> map) => map(list[0]);
    }
}

/// <summary>The same members traced by the class's [Traced], not one by one.</summary>
[Traced]
public static class TypeLevelMemberExtensions
{
    extension(string text)
    {
        public string Backwards() => new(text.ToCharArray().Reverse().ToArray());

        public static string Twice(string value) => value + value;

        [NotTraced]
        public string Same() => text;
    }

    extension(ref MutableCounter counter)
    {
        public void Triple() => counter.Value *= 3;
    }

    // A generic block, and a generic member: their implementations came back constructed and were skipped.
    extension<T>(List<T> list)
    {
        public int CountAll() => list.Count;
    }

    extension(int number)
    {
        public T Echo<T>(T value) => value;
    }
}

public sealed class ExtensionShapeTests
{
    [Fact]
    public void Extension_members_of_a_traced_class_are_traced_in_every_call_form()
    {
        using var capture = SpanCapture.Start();
        var counter = new MutableCounter { Value = 2 };

        Assert.Equal("ba", "ab".Backwards());
        Assert.Equal("dc", TypeLevelMemberExtensions.Backwards("cd"));
        Assert.Equal("xx", string.Twice("x"));
        Assert.Equal("s", "s".Same());
        counter.Triple();
        Assert.Equal(2, new List<int> { 1, 2 }.CountAll());
        Assert.Equal("e", 5.Echo("e"));

        Assert.Equal(6, counter.Value);
        Assert.Equal(
            ["TypeLevelMemberExtensions.Backwards", "TypeLevelMemberExtensions.Backwards", "TypeLevelMemberExtensions.Twice", "TypeLevelMemberExtensions.Triple",
             "TypeLevelMemberExtensions.CountAll", "TypeLevelMemberExtensions.Echo"],
            capture.Names);
    }

    [Fact]
    public void Extension_method_is_traced_in_both_call_forms()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal("HI", "hi".Shout());
        Assert.Equal("YOYO", TextExtensions.Shout("yo", 2));

        Assert.Equal(["TextExtensions.Shout", "TextExtensions.Shout"], capture.Names);
        Assert.Equal([1, 2], capture.Spans.Select(s => s.GetTagItem("times")));
    }

    [Fact]
    public void Ref_extension_mutates_the_callers_struct_in_both_call_forms()
    {
        using var capture = SpanCapture.Start();
        var counter = new MutableCounter();

        counter.Grow(3);
        TextExtensions.Grow(ref counter, 4);

        Assert.Equal(7, counter.Value);
        Assert.Equal(["TextExtensions.Grow", "TextExtensions.Grow"], capture.Names);
    }

    [Fact]
    public void In_and_generic_extensions_are_traced()
    {
        using var capture = SpanCapture.Start();
        var point = new Point(2, 5);

        Assert.Equal(7, point.Total());
        Assert.Equal(2, new[] { 1, 2, 3, 4 }.CountWhere(n => n % 2 == 0));
        Assert.Equal(1, TextExtensions.CountWhere(["a", "bb"], s => s.Length == 2));

        Assert.Equal(["TextExtensions.Total", "TextExtensions.CountWhere", "TextExtensions.CountWhere"], capture.Names);
    }

    [Fact]
    public void Extension_members_are_traced_in_every_call_form()
    {
        using var capture = SpanCapture.Start();
        var counter = new MutableCounter();
        var list = new List<string> { "first" };

        Assert.Equal("ab", "AB".Whisper());
        Assert.Equal("cd", MemberExtensions.Whisper("CD"));
        Assert.Equal("xxx", string.Repeat('x', 3));
        Assert.Equal(2, "AB".Size);
        counter.AddTwice(3);
        MemberExtensions.AddTwice(ref counter, 1);
        Assert.Equal("first", list.Head());
        Assert.Equal(5, list.MapHead(s => s.Length));

        Assert.Equal(8, counter.Value);
        Assert.Equal(
            ["MemberExtensions.Whisper", "MemberExtensions.Whisper", "MemberExtensions.Repeat", "MemberExtensions.AddTwice", "MemberExtensions.AddTwice", "MemberExtensions.Head", "MemberExtensions.MapHead"],
            capture.Names);
        Assert.All(capture.Spans, s => Expect.ChildOf(capture.Root, s));
    }
}
