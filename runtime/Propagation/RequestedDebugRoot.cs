using System;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Propagation;

/// <summary>
/// A request that asked for a debug trace (a <c>jaeger-debug-id</c> header and no trace context),
/// remembered from the moment the propagator read its headers to the moment ASP.NET Core samples
/// its span. ASP.NET Core extracts the context and then creates the request's activity, on the
/// same thread, and the sampling decision cannot see the headers: so the extraction notes the
/// request here, and the next root sampled on this thread takes the note. When that root is ASP.NET
/// Core's server span it is recorded whatever the sampler says (even const 0, which otherwise
/// creates no span), and the server span middleware marks it as debug.
/// </summary>
internal static class RequestedDebugRoot
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    [ThreadStatic]
    private static bool pending;

    /// <summary>Threads with a note: every root decision checks this first, so the usual cost is one read.</summary>
    private static int threadsPending;

    /// <summary>Notes whether the carrier the propagator found no trace context in asks for a debug trace.</summary>
    public static void Note(object? carrier, DistributedContextPropagator.PropagatorGetterCallback? getter)
    {
        if (getter is null) return;
        var asked = false;
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

        Set(asked);
    }

    /// <summary>The carrier had trace context: nothing is asked for.</summary>
    public static void Clear()
    {
        if (pending) Set(false);
    }

    /// <summary>Whether the root being sampled is ASP.NET Core's span of a request that asked; takes the note either way.</summary>
    public static bool Take(ActivitySource source, ActivityKind kind)
    {
        if (Volatile.Read(ref threadsPending) == 0 || !pending) return false;
        Set(false);
        return kind == ActivityKind.Server && source.Name == AspNetCoreSource;
    }

    private static void Set(bool value)
    {
        if (pending == value) return;
        pending = value;
        Interlocked.Add(ref threadsPending, value ? 1 : -1);
    }
}
