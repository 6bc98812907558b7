using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Shapes.Tests.Support;

/// <summary>
/// A UI-style synchronization context: one thread runs a message loop, and every continuation
/// posted to the context runs on it. Counts the posts, so a test can see continuations came back.
/// </summary>
internal sealed class SingleThreadContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();
    private int posts;

    public int Posts => Volatile.Read(ref posts);

    public Thread? LoopThread { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref posts);
        queue.Add((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send is not expected here");

    /// <summary>Runs <paramref name="body"/> on a new thread inside this context, pumping until its task completes.</summary>
    public T Run<T>(Func<Task<T>> body)
    {
        Task<T>? task = null;
        var thread = new Thread(() =>
        {
            SetSynchronizationContext(this);
            task = body();
            task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var (callback, state) in queue.GetConsumingEnumerable()) callback(state);
        });
        LoopThread = thread;
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(10))) throw new TimeoutException("the message loop did not finish");
        return task!.GetAwaiter().GetResult();
    }
}
