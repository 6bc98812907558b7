using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public static class AsyncWork
{
    public static Exception? LastThrown { get; private set; }

    public static Activity? SeenAfterAwait { get; private set; }

    [Traced]
    public static async Task DelayAsync(int milliseconds)
    {
        await Pause.AtLeast(milliseconds);
        SeenAfterAwait = Activity.Current;
    }

    [Traced]
    public static async Task<int> DelayValueAsync(int milliseconds, int value)
    {
        await Pause.AtLeast(milliseconds);
        return value;
    }

    [Traced]
    public static async ValueTask DelayValueTaskAsync(int milliseconds) => await Pause.AtLeast(milliseconds);

    [Traced]
    public static async ValueTask<int> DelayValueTaskOfTAsync(int milliseconds, int value)
    {
        await Pause.AtLeast(milliseconds);
        return value;
    }

    [Traced]
    public static async Task FailAfterAwaitAsync(string message)
    {
        await Task.Yield();
        var e = new InvalidOperationException(message);
        LastThrown = e;
        throw e;
    }

    [Traced]
    public static async ValueTask<int> FailAfterAwaitValueAsync(string message)
    {
        await Task.Yield();
        var e = new InvalidOperationException(message);
        LastThrown = e;
        throw e;
    }

    [Traced]
    public static async Task WaitForeverAsync(CancellationToken token) => await Task.Delay(Timeout.Infinite, token);

    [Traced]
    public static Task Validate(string? value)
    {
        if (value is null) throw (LastThrown = new ArgumentNullException(nameof(value)));
        return Task.CompletedTask;
    }

    [Traced]
    public static ValueTask<int> ValidateValue(string? value)
    {
        if (value is null) throw (LastThrown = new ArgumentNullException(nameof(value)));
        return new(value.Length);
    }

    [Traced]
    public static Task<int> PassThrough(Task<int> task) => task;

    [Traced]
    public static async Task<int> ParentAsync()
    {
        await Task.Yield();
        var child = await DelayValueAsync(1, 2);
        return child + Calculator.Add(1, 1);
    }

    [Traced]
    [return: Tag]
    public static async Task<int> TaggedAsync(int value)
    {
        await Task.Yield();
        return value;
    }

    [Traced]
    [return: Tag("answer")]
    public static ValueTask<int> TaggedValue(int value) => new(value);

    [Traced]
    [return: Tag("endpoint", UseToString = true)]
    public static async Task<Uri> EndpointAsync(string host)
    {
        await Task.Yield();
        return new Uri($"https://{host}/api");
    }

    [Traced]
    [return: Tag(UseToString = true)]
    public static Uri Endpoint(string host) => new($"https://{host}/api");

    [Traced]
    public static ValueTask<int> FromSource(OnceValueTaskSource<int> source) => source.Task;

    [Traced]
    [return: Tag]
    public static ValueTask<int> FromSourceTagged(OnceValueTaskSource<int> source) => source.Task;

    [Traced]
    public static ValueTask FromVoidSource(OnceValueTaskSource<int> source) => source.VoidTask;

    [Traced]
    public static async Task<(SynchronizationContext? Context, Thread Thread, Activity? Current)> ObserveContextAfterAwaitAsync()
    {
        await Task.Delay(10);
        return (SynchronizationContext.Current, Thread.CurrentThread, Activity.Current);
    }
}

public sealed class AsyncShapeTests
{
    // The awaited work lasts at least 50 ms on the precise monotonic clock; the span's clock (wall time)
    // may run a hair slower under NTP slewing. A span ending at return would last about 0 ms.
    private static readonly TimeSpan AtLeastTheDelay = TimeSpan.FromMilliseconds(49);

    [Fact]
    public async Task Task_span_ends_when_the_task_completes()
    {
        using var capture = SpanCapture.Start();
        var before = Activity.Current;

        var task = AsyncWork.DelayAsync(50);

        Assert.Same(before, Activity.Current);
        Assert.Equal(["AsyncWork.DelayAsync"], capture.Started.Select(s => s.DisplayName));
        AssertNotEndedBefore(capture, task);
        await task;

        var span = capture.Ended("AsyncWork.DelayAsync");
        Assert.True(span.Duration >= AtLeastTheDelay, $"duration {span.Duration}");
        Expect.ChildOf(capture.Root, span);
        Expect.Ok(span);
        Assert.Same(span, AsyncWork.SeenAfterAwait);
        Assert.Same(before, Activity.Current);
    }

    [Fact]
    public async Task Task_of_T_span_ends_when_the_task_completes()
    {
        using var capture = SpanCapture.Start();

        var task = AsyncWork.DelayValueAsync(50, 7);

        Assert.Same(capture.Root, Activity.Current);
        AssertNotEndedBefore(capture, task);
        Assert.Equal(7, await task);
        Assert.True(capture.Ended("AsyncWork.DelayValueAsync").Duration >= AtLeastTheDelay);
    }

    [Fact]
    public async Task ValueTask_span_ends_when_the_task_completes()
    {
        using var capture = SpanCapture.Start();

        var task = AsyncWork.DelayValueTaskAsync(50);

        Assert.Same(capture.Root, Activity.Current);
        await task;
        Assert.True(capture.Ended("AsyncWork.DelayValueTaskAsync").Duration >= AtLeastTheDelay);
    }

    [Fact]
    public async Task ValueTask_of_T_span_ends_when_the_task_completes()
    {
        using var capture = SpanCapture.Start();

        var task = AsyncWork.DelayValueTaskOfTAsync(50, 8);

        Assert.Same(capture.Root, Activity.Current);
        Assert.Equal(8, await task);
        Assert.True(capture.Ended("AsyncWork.DelayValueTaskOfTAsync").Duration >= AtLeastTheDelay);
    }

    [Fact]
    public async Task Fault_after_await_is_recorded_and_thrown_at_the_await_unchanged()
    {
        using var capture = SpanCapture.Start();

        var task = AsyncWork.FailAfterAwaitAsync("late"); // does not throw here
        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => task);

        Expect.SameException(AsyncWork.LastThrown, caught, nameof(AsyncWork.FailAfterAwaitAsync));
        Expect.Recorded(capture.Ended("AsyncWork.FailAfterAwaitAsync"), caught, nameof(AsyncWork.FailAfterAwaitAsync));
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public async Task ValueTask_fault_after_await_is_recorded_and_thrown_unchanged()
    {
        using var capture = SpanCapture.Start();

        var task = AsyncWork.FailAfterAwaitValueAsync("late value");
        var caught = await Assert.ThrowsAsync<InvalidOperationException>(async () => await task);

        Expect.SameException(AsyncWork.LastThrown, caught, nameof(AsyncWork.FailAfterAwaitValueAsync));
        Expect.Recorded(capture.Ended("AsyncWork.FailAfterAwaitValueAsync"), caught, nameof(AsyncWork.FailAfterAwaitValueAsync));
    }

    [Fact]
    public async Task Cancellation_is_recorded_and_the_task_stays_canceled()
    {
        using var capture = SpanCapture.Start();
        using var cancellation = new CancellationTokenSource();

        var task = AsyncWork.WaitForeverAsync(cancellation.Token);
        AssertNotEndedBefore(capture, task);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        Assert.True(task.IsCanceled);
        var span = capture.Ended("AsyncWork.WaitForeverAsync");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(true, span.GetTagItem("task.canceled"));
    }

    [Fact]
    public async Task Synchronous_throw_of_a_task_returning_method_happens_at_the_call_and_is_recorded()
    {
        using var capture = SpanCapture.Start();

        var caught = Expect.ThrowsAtCall<ArgumentNullException>(() => AsyncWork.Validate(null));
        Expect.SameException(AsyncWork.LastThrown, caught, nameof(AsyncWork.Validate));
        var caughtValue = Expect.ThrowsAtCall<ArgumentNullException>(() => AsyncWork.ValidateValue(null));
        Expect.SameException(AsyncWork.LastThrown, caughtValue, nameof(AsyncWork.ValidateValue));
        await AsyncWork.Validate("fine");

        Assert.Equal("value", caught.ParamName);
        Assert.Same(capture.Root, Activity.Current);
        var spans = capture.Spans;
        Assert.Equal(["AsyncWork.Validate", "AsyncWork.ValidateValue", "AsyncWork.Validate"], spans.Select(s => s.DisplayName));
        Expect.Recorded(spans[0], caught, nameof(AsyncWork.Validate));
        Expect.Recorded(spans[1], caughtValue, nameof(AsyncWork.ValidateValue));
        Expect.Ok(spans[2]);
    }

    [Fact]
    public async Task Task_returned_is_the_very_task_the_method_returned()
    {
        using var capture = SpanCapture.Start();
        var source = new TaskCompletionSource<int>();

        var returned = AsyncWork.PassThrough(source.Task);

        Assert.Same(source.Task, returned);
        Assert.Empty(capture.Spans);
        source.SetResult(3);
        Assert.Equal(3, await returned);
        Expect.Ok(capture.Single("AsyncWork.PassThrough"));
    }

    [Fact]
    public async Task Calls_after_an_await_nest_under_the_async_span()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(4, await AsyncWork.ParentAsync());

        var parent = capture.Ended("AsyncWork.ParentAsync");
        Expect.ChildOf(capture.Root, parent);
        Expect.ChildOf(parent, capture.Ended("AsyncWork.DelayValueAsync"));
        Expect.ChildOf(parent, capture.Ended("Calculator.Add"));
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public async Task Async_results_are_tagged_when_the_task_completes()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(11, await AsyncWork.TaggedAsync(11));
        Assert.Equal(12, await AsyncWork.TaggedValue(12));

        Assert.Equal(11, capture.Ended("AsyncWork.TaggedAsync").GetTagItem("return"));
        Assert.Equal(12, capture.Single("AsyncWork.TaggedValue").GetTagItem("answer"));
    }

    [Fact]
    public async Task Results_opted_in_with_UseToString_are_tagged_as_their_text()
    {
        using var capture = SpanCapture.Start();

        Assert.Equal(new Uri("https://a.example/api"), await AsyncWork.EndpointAsync("a.example"));
        Assert.Equal(new Uri("https://b.example/api"), AsyncWork.Endpoint("b.example"));

        Assert.Equal("https://a.example/api", capture.Ended("AsyncWork.EndpointAsync").GetTagItem("endpoint"));
        Assert.Equal("https://b.example/api", capture.Single("AsyncWork.Endpoint").GetTagItem("return"));
    }

    [Fact]
    public void Continuations_inside_the_traced_method_stay_on_the_callers_synchronization_context()
    {
        using var capture = SpanCapture.Start();
        var context = new SingleThreadContext();

        var (inside, callerContext, callerThread) = context.Run(async () =>
        {
            var observed = await AsyncWork.ObserveContextAfterAwaitAsync();
            return (observed, SynchronizationContext.Current, Thread.CurrentThread);
        });

        Assert.Same(context, inside.Context);
        Assert.Same(context.LoopThread, inside.Thread);
        Assert.Same(context, callerContext);
        Assert.Same(context.LoopThread, callerThread);
        Assert.True(context.Posts >= 1, $"posts: {context.Posts}");
        var span = capture.Single("AsyncWork.ObserveContextAfterAwaitAsync");
        Assert.Same(span, inside.Current);
        Expect.ChildOf(capture.Root, span);
    }

    [Fact]
    public async Task Pending_value_task_source_is_read_once()
    {
        using var capture = SpanCapture.Start();
        var source = new OnceValueTaskSource<int>();

        var task = AsyncWork.FromSource(source);
        Assert.Empty(capture.Spans);
        source.SetResult(5);

        Assert.Equal(5, await task);
        Assert.Equal(1, source.Reads);
        Expect.Ok(capture.Single("AsyncWork.FromSource"));
    }

    [Fact]
    public async Task Completed_value_task_source_is_read_once()
    {
        using var capture = SpanCapture.Start();
        var source = new OnceValueTaskSource<int>();
        source.SetResult(6);

        Assert.Equal(6, await AsyncWork.FromSource(source));

        Assert.Equal(1, source.Reads);
        Expect.Ok(capture.Single("AsyncWork.FromSource"));
    }

    [Fact]
    public async Task Tagged_value_task_source_is_read_once_pending_or_completed()
    {
        using var capture = SpanCapture.Start();
        var pending = new OnceValueTaskSource<int>();
        var completed = new OnceValueTaskSource<int>();
        completed.SetResult(8);

        var fromPending = AsyncWork.FromSourceTagged(pending);
        pending.SetResult(7);
        Assert.Equal(7, await fromPending);
        Assert.Equal(8, await AsyncWork.FromSourceTagged(completed));

        Assert.Equal(1, pending.Reads);
        Assert.Equal(1, completed.Reads);
        Assert.Equal([7, 8], capture.Spans.Select(s => s.GetTagItem("return")));
    }

    [Fact]
    public async Task Void_value_task_source_is_read_once_and_its_fault_recorded()
    {
        using var capture = SpanCapture.Start();
        var succeeds = new OnceValueTaskSource<int>();
        var fails = new OnceValueTaskSource<int>();
        var error = new InvalidOperationException("source failed");

        var first = AsyncWork.FromVoidSource(succeeds);
        var second = AsyncWork.FromVoidSource(fails);
        succeeds.SetResult(0);
        fails.SetException(error);
        await first;
        var caught = await Assert.ThrowsAsync<InvalidOperationException>(async () => await second);

        Assert.Same(error, caught);
        Assert.Equal(1, succeeds.Reads);
        Assert.Equal(1, fails.Reads);
        var spans = capture.Spans;
        Assert.Equal(2, spans.Count);
        Expect.Ok(spans[0]);
        Assert.Equal(ActivityStatusCode.Error, spans[1].Status);
    }

    /// <summary>A span may only have ended if its task had completed by then.</summary>
    private static void AssertNotEndedBefore(SpanCapture capture, Task task)
    {
        var ended = capture.Spans.Count;
        Assert.True(ended == 0 || task.IsCompleted, "the span ended before its task completed");
    }
}
