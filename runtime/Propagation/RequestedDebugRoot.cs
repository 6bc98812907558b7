using System;
using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>
/// A root someone asked to see with a <c>jaeger-debug-id</c> and no trace context, remembered on
/// its thread until the tracer samples it, because the sampling decision cannot see headers:
/// <list type="bullet">
/// <item>an ASP.NET Core request: the propagator notes it when it finds no trace context in the
/// request's headers, and ASP.NET Core creates the request's span next, on the same thread (heeded
/// only where the server span middleware runs, which marks that span as debug);</item>
/// <item>a message: its <c>[Traced]</c> consumer notes it around starting its span, and marks it.</item>
/// </list>
/// That root is recorded whatever the sampler says (even const 0, which otherwise creates no span).
/// Only Server and Consumer roots look at the note: other spans pay one comparison of their kind.
/// </summary>
internal static class RequestedDebugRoot
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    private enum Asker : byte { None, Request, Message }

    [ThreadStatic]
    private static Asker pending;

    private static volatile bool requestsMarked;

    /// <summary>The server span middleware runs, and marks the request spans that asked as debug roots.</summary>
    public static void RequestsAreMarked() => requestsMarked = true;

    /// <summary>Notes whether the carrier the propagator found no trace context in asks for a debug trace.</summary>
    public static void Note(object? carrier, DistributedContextPropagator.PropagatorGetterCallback? getter)
    {
        var asked = false;
        if (getter is not null)
        {
            try
            {
                getter(carrier, JaegerDebug.IdHeader, out var value, out var values);
                asked = !string.IsNullOrWhiteSpace(value);
                if (!asked && values is not null)
                {
                    foreach (var item in values) asked |= !string.IsNullOrWhiteSpace(item);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A getter that throws reads as a missing header, as in the formats.
            }
        }

        pending = asked ? Asker.Request : Asker.None;
    }

    /// <summary>The carrier had trace context: nothing is asked for.</summary>
    public static void Clear() => pending = Asker.None;

    /// <summary>Starts the root span of a message that asked for a debug trace (the caller checked there is no current span).</summary>
    public static Activity? StartForMessage(ActivitySource source, string name, ActivityKind kind)
    {
        pending = Asker.Message;
        try
        {
            return source.StartActivity(name, kind);
        }
        finally
        {
            pending = Asker.None;
        }
    }

    /// <summary>Whether the root being sampled is one that asked; takes the note.</summary>
    public static bool Take(ActivitySource source, ActivityKind kind)
    {
        if (kind is not (ActivityKind.Server or ActivityKind.Consumer)) return false;
        var asker = pending;
        if (asker == Asker.None) return false;
        pending = Asker.None;
        return asker == Asker.Message || (kind == ActivityKind.Server && requestsMarked && source.Name == AspNetCoreSource);
    }
}
