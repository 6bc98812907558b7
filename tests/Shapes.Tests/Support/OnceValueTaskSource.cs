using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Instrumentation.Shapes.Tests.Support;

/// <summary>
/// A pooled-style value task source: its result may be read once, as the ValueTask rules say. A
/// second read throws, as a reused source would fail after its next reset.
/// </summary>
public sealed class OnceValueTaskSource<T> : IValueTaskSource<T>, IValueTaskSource
{
    private ManualResetValueTaskSourceCore<T> core;
    private int reads;

    public int Reads => Volatile.Read(ref reads);

    public ValueTask<T> Task => new(this, core.Version);

    public ValueTask VoidTask => new(this, core.Version);

    public void SetResult(T result) => core.SetResult(result);

    public void SetException(Exception error) => core.SetException(error);

    public T GetResult(short token)
    {
        if (Interlocked.Increment(ref reads) > 1) throw new InvalidOperationException("The value task was awaited twice.");
        return core.GetResult(token);
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}
