using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation;

/// <summary>
/// The shared helpers generated interceptors call, so each interceptor body stays a few lines:
/// recording exceptions, ending spans when tasks complete, and tagging return values.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TracedCall
{
    /// <summary>
    /// For an exception filter: records <paramref name="exception"/> on the span and returns false,
    /// so the exception is never caught and continues unchanged, stack trace and all.
    /// </summary>
    public static bool Fail(Activity? span, Exception exception)
    {
        if (span is { IsAllDataRequested: true }) ExceptionRecorder.Record(span, exception);
        return false;
    }

    /// <summary>Ends the span of a call that returned or threw, when there is one (listeners' stop callbacks run untraced: see SpanCallbacks).</summary>
    public static void End(Activity? span)
    {
        if (span is not null) SpanCallbacks.End(span);
    }

    /// <summary>As <see cref="Fail"/>, and ends the span: for a task-returning call that threw before returning a task.</summary>
    public static bool FailAndEnd(Activity span, Exception exception)
    {
        Fail(span, exception);
        SpanCallbacks.End(span);
        return false;
    }

    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/> (or, with <paramref name="asText"/>,
    /// to its <c>ToString()</c>, for <c>[Tag(UseToString = true)]</c>) when the span is recorded; returns the value.
    /// </summary>
    public static T Tag<T>(Activity? span, string name, T value, bool asText = false)
    {
        if (span is { IsAllDataRequested: true }) SetResultTag(span, name, value, asText);
        return value;
    }

    /// <summary>
    /// Ends <paramref name="span"/> when <paramref name="task"/> completes and returns the very same
    /// task. The caller's <see cref="Activity.Current"/> is restored now, while the callee's
    /// continuations keep the span as their current activity.
    /// </summary>
    public static Task EndOnCompletion(Activity span, Task task)
    {
        LeaveSpan(span);
        if (task is null)
        {
            // A method without nullable annotations may return no task at all: the span ends now, and the
            // caller gets the null it would have got untraced (never an exception of ours).
            SpanCallbacks.End(span);
            return task!;
        }

        if (task.IsCompleted) Complete(span, task);
        else task.ContinueWith(static (t, s) => Complete((Activity)s!, t), span, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <inheritdoc cref="EndOnCompletion(Activity, Task)"/>
    public static Task<T> EndOnCompletion<T>(Activity span, Task<T> task)
    {
        EndOnCompletion(span, (Task)task);
        return task;
    }

    /// <summary>As <see cref="EndOnCompletion{T}(Activity, Task{T})"/>, and tags the result as <paramref name="returnTag"/> on success.</summary>
    public static Task<T> EndOnCompletion<T>(Activity span, Task<T> task, string returnTag, bool asText = false)
    {
        if (task is not null && span.IsAllDataRequested)
        {
            if (task.Status == TaskStatus.RanToCompletion) SetResultTag(span, returnTag, task.Result, asText);
            else if (!task.IsCompleted) task.ContinueWith(static (t, s) => TagResult(t, s), Tuple.Create(span, returnTag, asText), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        return EndOnCompletion(span, task!); // a null task (no nullable annotations) ends the span there
    }

    /// <summary>As <see cref="EndOnCompletion{T}(Activity, ValueTask{T})"/>, and tags the result as <paramref name="returnTag"/> on success.</summary>
    public static ValueTask<T> EndOnCompletion<T>(Activity span, ValueTask<T> task, string returnTag, bool asText = false)
    {
        if (task.IsCompletedSuccessfully)
        {
            // Reading the result consumes an IValueTaskSource-backed task: hand back the value, never
            // the task, so the caller's await does not read the source a second time.
            var result = task.Result;
            if (span.IsAllDataRequested) SetResultTag(span, returnTag, result, asText);
            return EndOnCompletion(span, new ValueTask<T>(result));
        }

        return new ValueTask<T>(EndOnCompletion(span, task.AsTask(), returnTag, asText));
    }

    /// <summary>
    /// Ends the span when the value task completes. A completed one is returned as it is; a pending
    /// one is read exactly once (through <see cref="ValueTask.AsTask"/>) and a value task over that
    /// task is returned, so the source is never awaited twice.
    /// </summary>
    public static ValueTask EndOnCompletion(Activity span, ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            LeaveSpan(span);
            SpanCallbacks.End(span);
            return task;
        }

        return new ValueTask(EndOnCompletion(span, task.AsTask()));
    }

    /// <inheritdoc cref="EndOnCompletion(Activity, ValueTask)"/>
    public static ValueTask<T> EndOnCompletion<T>(Activity span, ValueTask<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            LeaveSpan(span);
            SpanCallbacks.End(span);
            return task;
        }

        return new ValueTask<T>(EndOnCompletion(span, task.AsTask()));
    }

    // Registered before the ending continuation, so the tag is set before the span ends.
    private static void TagResult<T>(Task<T> task, object? state)
    {
        var (span, tag, asText) = (Tuple<Activity, string, bool>)state!;
        SetResultTag(span, tag, task.Result, asText);
    }

    private static void SetResultTag<T>(Activity span, string name, T value, bool asText) =>
        span.SetTag(name, asText ? TagText(value) : value);

    /// <summary>
    /// The text of a <c>[Tag(UseToString = true)]</c> value: its <c>ToString()</c>, or when that throws, a
    /// text saying so. A tag must never fail the call it describes, nor leave its span open.
    /// </summary>
    public static string? TagText(object? value)
    {
        if (value is null) return null;
        try
        {
            return value.ToString();
        }
        catch (Exception e)
        {
            return $"<ToString() threw {e.GetType().FullName}>";
        }
    }

    /// <summary>Traces an iterator's enumeration (first <c>MoveNext</c> to <c>Dispose</c>) instead of the call that created it.</summary>
    public static System.Collections.Generic.IEnumerable<T> TraceEnumeration<T>(TracedMethod method, System.Collections.Generic.IEnumerable<T> sequence) =>
        new TracedEnumerable<T>(method, sequence, null);

    /// <summary>As <see cref="TraceEnumeration{T}(TracedMethod, System.Collections.Generic.IEnumerable{T})"/>, with the <c>[Tag]</c> parameters' values, set when the span starts.</summary>
    public static System.Collections.Generic.IEnumerable<T> TraceEnumeration<T>(TracedMethod method, System.Collections.Generic.IEnumerable<T> sequence, System.Collections.Generic.KeyValuePair<string, object?>[] tags) =>
        new TracedEnumerable<T>(method, sequence, tags);

    /// <summary>Traces an async iterator's enumeration (first <c>MoveNextAsync</c> to <c>DisposeAsync</c>).</summary>
    public static System.Collections.Generic.IAsyncEnumerable<T> TraceEnumeration<T>(TracedMethod method, System.Collections.Generic.IAsyncEnumerable<T> sequence) =>
        new TracedAsyncEnumerable<T>(method, sequence, null);

    /// <summary>As <see cref="TraceEnumeration{T}(TracedMethod, System.Collections.Generic.IAsyncEnumerable{T})"/>, with the <c>[Tag]</c> parameters' values, set when the span starts.</summary>
    public static System.Collections.Generic.IAsyncEnumerable<T> TraceEnumeration<T>(TracedMethod method, System.Collections.Generic.IAsyncEnumerable<T> sequence, System.Collections.Generic.KeyValuePair<string, object?>[] tags) =>
        new TracedAsyncEnumerable<T>(method, sequence, tags);

    private static void LeaveSpan(Activity span)
    {
        if (Activity.Current == span) Activity.Current = span.Parent;
    }

    private static void Complete(Activity span, Task task)
    {
        if (task.IsFaulted && span.IsAllDataRequested)
        {
            var error = task.Exception!;
            ExceptionRecorder.Record(span, error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error);
        }
        else if (task.IsCanceled && span.IsAllDataRequested)
        {
            span.SetStatus(ActivityStatusCode.Error, "The task was canceled.");
            span.SetTag("task.canceled", true);
        }

        SpanCallbacks.End(span);
    }
}
