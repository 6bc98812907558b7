using System.Linq;
using System;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Threading.Tasks;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

// Shapes an interceptor cannot trace. Each is reported by a diagnostic (suppressed here, where the
// test means it); these tests pin down that the code still behaves exactly as without tracing.

public class Account
{
    [Traced]
    public virtual int Balance() => 100;
}

public sealed class SavingsAccount : Account
{
    public override int Balance()
    {
#pragma warning disable TRC001 // an interceptor for base.Balance() would call itself forever
        return base.Balance() + 5;
#pragma warning restore TRC001
    }
}

public interface IParser<TSelf> where TSelf : IParser<TSelf>
{
    [Traced]
    static abstract TSelf Parse(string text);
}

public sealed class Number : IParser<Number>
{
    public int Value { get; private init; }

    public static Number Parse(string text) => new() { Value = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) };

    public static TSelf ParseAny<TSelf>(string text) where TSelf : IParser<TSelf>
    {
#pragma warning disable TRC004 // a call through a type parameter cannot be intercepted
        return TSelf.Parse(text);
#pragma warning restore TRC004
    }
}

public class Vault
{
    private int opened;

    public int Open() => Secret() + Count(ref opened) + Seal();

    // Private and protected targets are called through [UnsafeAccessor] (.NET 8+).
    [Traced]
    private int Secret() => 7;

    [Traced]
    private static int Count(ref int counter) => ++counter;

    [Traced]
    protected int Seal() => 0;
}

public static class Fire
{
#pragma warning disable TRC007 // async void: the span can only cover the part before the first await
    [Traced]
    public static async void AndForget(TaskCompletionSource<int> gate, TaskCompletionSource<int> done)
    {
        done.SetResult(await gate.Task);
    }
#pragma warning restore TRC007

    public static int WithLocalFunction()
    {
        return Local();

#pragma warning disable TRC009 // calls of local functions cannot be intercepted
        [Traced]
        static int Local() => 3;
#pragma warning restore TRC009
    }
}

public sealed class LimitShapeTests
{
    [Fact]
    public void Base_call_is_not_traced_and_does_not_recurse()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(105, new SavingsAccount().Balance());

        Assert.Equal(["SavingsAccount.Balance"], capture.Names);
    }

    [Fact]
    public void Method_group_conversion_is_not_traced()
    {
        using var capture = SpanCapture.Start();
#pragma warning disable TRC003 // calls through the delegate cannot be intercepted
        Func<int, int, int> add = Calculator.Add;
#pragma warning restore TRC003

        Assert.Equal(3, add(1, 2));

        Assert.Empty(capture.Started);
    }

    [Fact]
    public void Call_inside_an_expression_tree_is_left_alone_for_query_providers()
    {
        using var capture = SpanCapture.Start();

        Expression<Func<int>> tree = () => Calculator.Add(1, 2);

        var call = Assert.IsAssignableFrom<MethodCallExpression>(tree.Body);
        Assert.Equal(typeof(Calculator).GetMethod(nameof(Calculator.Add)), call.Method);
        Assert.Equal(3, tree.Compile()());
        Assert.Empty(capture.Started);
    }

    [Fact]
    public void Static_abstract_call_through_a_type_parameter_is_not_traced()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(12, Number.ParseAny<Number>("12").Value);

        Assert.Empty(capture.Started);
    }

    [Fact]
    public void Implementation_of_a_traced_static_abstract_member_is_traced_when_called_directly()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(5, Number.Parse("5").Value);

        Expect.ChildOf(capture.Root, capture.Single("Number.Parse"));
    }

    [Fact]
    public void Private_static_and_protected_targets_are_traced_through_unsafe_accessors()
    {
        using var capture = SpanCapture.Start();
        var vault = new Vault();

        Assert.Equal(8, vault.Open());
        Assert.Equal(9, vault.Open()); // the ref argument's increment landed in the field

        Assert.Equal(2, capture.Started.Count(s => s.DisplayName == "Vault.Secret"));
        Assert.Equal(2, capture.Started.Count(s => s.DisplayName == "Vault.Count"));
        Assert.Equal(2, capture.Started.Count(s => s.DisplayName == "Vault.Seal"));
        foreach (var span in capture.Started) Expect.ChildOf(capture.Root, span);
    }

    [Fact]
    public async Task Async_void_span_ends_at_the_first_await()
    {
        using var capture = SpanCapture.Start();
        var gate = new TaskCompletionSource<int>();
        var done = new TaskCompletionSource<int>();

        Fire.AndForget(gate, done);

        var span = capture.Single("Fire.AndForget");
        Assert.False(done.Task.IsCompleted); // the span ended while the method still waits
        gate.SetResult(9);
        Assert.Equal(9, await done.Task);
        Expect.Ok(span);
    }

    [Fact]
    public void Traced_local_function_is_not_traced()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(3, Fire.WithLocalFunction());

        Assert.Empty(capture.Started);
    }

    [Fact]
    public void Dynamic_call_is_not_traced()
    {
        using var capture = SpanCapture.Start();
        dynamic counter = new Counter();

        Assert.Equal(2, (int)counter.Increment(2));

        Assert.Empty(capture.Started);
    }
}
