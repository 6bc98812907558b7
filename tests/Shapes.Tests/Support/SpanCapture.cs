using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Xunit;

namespace Instrumentation.Shapes.Tests.Support;

/// <summary>
/// Captures the spans of one test. A single process-wide listener (as a user's tracer would be)
/// records every traced source; each test starts its own root span, and sees only the spans of
/// that root's trace, so spans of other tests never mix in.
/// </summary>
internal sealed class SpanCapture : IDisposable
{
    public const string AssemblySourceName = "Instrumentation.Shapes.Tests";

    private static readonly ConcurrentQueue<Activity> StartedSpans = new();
    private static readonly ConcurrentQueue<Activity> StoppedSpans = new();
    private static readonly ActivitySource RootSource = TracedSources.Create("Instrumentation.Shapes.Tests.Root");

    // Created before RootSource is used: the listener is registered by the static constructor.
    private static readonly ActivityListener Listener = CreateListener();

    private SpanCapture(Activity root) => Root = root;

    /// <summary>The test's root span: the parent of every top-level traced call the test makes.</summary>
    public Activity Root { get; }

    /// <summary>Spans of this test's trace that have ended, in the order they ended (the root excluded).</summary>
    public IReadOnlyList<Activity> Spans => StoppedSpans.Where(Mine).ToList();

    /// <summary>Spans of this test's trace that have started, ended or not.</summary>
    public IReadOnlyList<Activity> Started => StartedSpans.Where(Mine).ToList();

    public static SpanCapture Start([CallerMemberName] string test = "")
    {
        GC.KeepAlive(Listener);
        var root = RootSource.StartActivity("test " + test) ?? throw new InvalidOperationException("the test listener does not sample the root");
        return new SpanCapture(root);
    }

    /// <summary>The one ended span with this name; fails when there is none or more than one.</summary>
    public Activity Single(string name)
    {
        var matches = Spans.Where(s => s.DisplayName == name).ToList();
        Assert.True(matches.Count == 1, $"expected one span '{name}', found {matches.Count}; spans: [{string.Join(", ", Spans.Select(s => s.DisplayName))}]");
        return matches[0];
    }

    /// <summary>
    /// As <see cref="Single"/>, once that span has ended (waiting at most 10 s). A task-returning
    /// method's span ends in a continuation of its task, which runs on the thread that completes the
    /// task; an await on another thread may already see the task complete and resume a moment before.
    /// </summary>
    public Activity Ended(string name)
    {
        SpinWait.SpinUntil(() => Spans.Any(s => s.DisplayName == name), TimeSpan.FromSeconds(10));
        return Single(name);
    }

    /// <summary>Names of the ended spans.</summary>
    public IReadOnlyList<string> Names => Spans.Select(s => s.DisplayName).ToList();

    public void Dispose() => Root.Dispose();

    /// <summary>
    /// The 1-based line of the first line of <paramref name="file"/> (relative to this project's folder)
    /// that contains <paramref name="text"/>. Read from disk, not from <c>[CallerFilePath]</c>, which a
    /// deterministic CI build maps to <c>/_/</c>.
    /// </summary>
    public static int LineOf(string file, string text)
    {
        var projectDirectory = typeof(SpanCapture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        var lines = File.ReadAllLines(Path.Combine(projectDirectory, file));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in {file}");
        return index + 1;
    }

    private bool Mine(Activity span) => span.TraceId == Root.TraceId && !ReferenceEquals(span, Root);

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = TracedSources.IsTraced,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = StartedSpans.Enqueue,
            ActivityStopped = StoppedSpans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
