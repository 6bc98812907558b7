using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public sealed class Blocks
{
    public Blocks()
    {
        using var span = Tracing.Block(); ConstructorLine = Expect.Here();
    }

    public int ConstructorLine { get; }

    public int PropertyLine
    {
        get
        {
            using var span = Tracing.Block(); return Expect.Here();
        }
    }

    public static int Named()
    {
        using (Tracing.Block("load"))
        {
            return Calculator.Add(1, 2);
        }
    }

    public static int Unnamed()
    {
        using var span = Tracing.Block(); return Expect.Here();
    }

    public static string? Dynamic(string name)
    {
        using var span = Tracing.Block(name);
        return Activity.Current?.DisplayName;
    }

    public static int InLambda()
    {
        Func<int> body = () =>
        {
            using var span = Tracing.Block(); return Expect.Here();
        };
        return body();
    }

    public static int InLocalFunction()
    {
        return Local();

        static int Local()
        {
            using var span = Tracing.Block(); return Expect.Here();
        }
    }

    [Traced]
    public static async Task<int> InsideTracedAsync()
    {
        await Task.Yield();
        using (Tracing.Block("after await"))
        {
            return Calculator.Add(2, 2);
        }
    }
}

public sealed class BlockShapeTests
{
    [Fact]
    public void Named_block_is_a_child_span_with_that_name_and_its_calls_nest_in_it()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(3, Blocks.Named());

        var block = capture.Single("load");
        Expect.ChildOf(capture.Root, block);
        Expect.ChildOf(block, capture.Single("Calculator.Add"));
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public void Unnamed_block_is_named_after_type_member_and_line()
    {
        using var capture = SpanCapture.Start();

        var line = Blocks.Unnamed();

        var block = capture.Single($"Blocks.Unnamed:{line}");
        Expect.ChildOf(capture.Root, block);
        Assert.Equal("Instrumentation.Shapes.Tests.Shapes.Blocks.Unnamed", block.GetTagItem("code.function.name"));
        Assert.Equal(Expect.ThisFile(), block.GetTagItem("code.file.path"));
        Assert.Equal(line, block.GetTagItem("code.line.number"));
    }

    [Theory]
    [InlineData(@"C:\src\Orders\OrderService.cs")] // a library compiled on Windows, run anywhere
    [InlineData("/src/Orders/OrderService.cs")]
    [InlineData("OrderService.cs")]
    public void An_unnamed_block_is_named_after_its_file_whichever_separators_its_path_has(string file)
    {
        using var capture = SpanCapture.Start();

        // Given explicitly, the caller information is the caller's: the call is left to Tracing.Block itself.
        using (Tracing.Block(member: "Load", file: file, line: 42))
        {
        }

        var block = capture.Single("OrderService.Load:42");
        Assert.Equal(capture.Root.SpanId, block.ParentSpanId);
        Assert.Equal(file, block.GetTagItem("code.file.path"));
        Assert.Equal(42, block.GetTagItem("code.line.number"));
    }

    [Fact]
    public void Block_name_can_be_computed_at_run_time()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal("order 42", Blocks.Dynamic("order 42"));

        Expect.ChildOf(capture.Root, capture.Single("order 42"));
    }

    [Fact]
    public void Blocks_in_a_lambda_and_a_local_function_are_named_after_the_enclosing_member()
    {
        using var capture = SpanCapture.Start();

        var lambdaLine = Blocks.InLambda();
        var localLine = Blocks.InLocalFunction();

        Expect.ChildOf(capture.Root, capture.Single($"Blocks.InLambda:{lambdaLine}"));
        Expect.ChildOf(capture.Root, capture.Single($"Blocks.InLocalFunction:{localLine}"));
    }

    [Fact]
    public void Blocks_in_a_constructor_and_a_property_are_named_after_them()
    {
        using var capture = SpanCapture.Start();

        var blocks = new Blocks();
        var propertyLine = blocks.PropertyLine;

        Assert.Equal([$"Blocks.Blocks:{blocks.ConstructorLine}", $"Blocks.PropertyLine:{propertyLine}"], capture.Names);
    }

    [Fact]
    public async Task Block_after_an_await_nests_under_the_traced_method()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(4, await Blocks.InsideTracedAsync());

        var method = capture.Ended("Blocks.InsideTracedAsync");
        var block = capture.Single("after await");
        Expect.ChildOf(method, block);
        Expect.ChildOf(block, capture.Single("Calculator.Add"));
    }
}
