using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace Instrumentation.Shapes.Tests.Support;

/// <summary>Assertions shared by the shape tests: what a user of the spans sees.</summary>
internal static class Expect
{
    /// <summary>The current line (for asserting compile-time locations).</summary>
    public static int Here([CallerLineNumber] int line = 0) => line;

    /// <summary>The path of the calling source file, as the compiler sees it.</summary>
    public static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>
    /// The exception <paramref name="call"/> throws at the call itself (not later from a task it
    /// returns, which <c>Assert.Throws</c> refuses to tell apart).
    /// </summary>
    public static T ThrowsAtCall<T>(Func<object?> call) where T : Exception
    {
        object? returned;
        try
        {
            returned = call();
        }
        catch (Exception e)
        {
            return Assert.IsType<T>(e);
        }

        throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name} at the call; it returned {returned}");
    }

    /// <summary>A span made by the generated code: our assembly's source, the parent given, the kind given, no error.</summary>
    public static void ChildOf(Activity parent, Activity span, ActivityKind kind = ActivityKind.Internal)
    {
        Assert.Equal(SpanCapture.AssemblySourceName, span.Source.Name);
        Assert.Equal(parent.TraceId, span.TraceId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal(kind, span.Kind);
    }

    /// <summary>Ended normally: no error status and no exception event.</summary>
    public static void Ok(Activity span)
    {
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.DoesNotContain(span.Events, e => e.Name == "exception");
    }

    /// <summary>
    /// The span records <paramref name="thrown"/> the OpenTelemetry way: status Error with its
    /// message, and one <c>exception</c> event with its type, message and stack trace.
    /// </summary>
    public static void Recorded(Activity span, Exception thrown, string thrownBy)
    {
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(thrown.Message, span.StatusDescription);
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        var tags = exception.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(thrown.GetType().FullName, tags["exception.type"]);
        Assert.Equal(thrown.Message, tags["exception.message"]);
        var stackTrace = Assert.IsType<string>(tags["exception.stacktrace"]);
        Assert.StartsWith($"{thrown.GetType().FullName}: {thrown.Message}", stackTrace, StringComparison.Ordinal);
        Assert.Contains(thrownBy, stackTrace, StringComparison.Ordinal);
    }

    /// <summary>
    /// The exception arrived unchanged: the very object thrown, and its stack trace still starts in
    /// the method that threw it (the interceptor did not rethrow it as its own).
    /// </summary>
    public static void SameException(Exception? thrown, Exception caught, string thrownBy)
    {
        Assert.NotNull(thrown);
        Assert.Same(thrown, caught);
        var top = new StackTrace(caught).GetFrame(0)?.GetMethod();
        Assert.NotNull(top);
        var where = top.Name == "MoveNext" ? top.DeclaringType?.Name ?? string.Empty : top.Name;
        Assert.Contains(thrownBy, where, StringComparison.Ordinal);
    }
}
