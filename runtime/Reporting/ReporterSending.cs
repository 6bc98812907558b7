using System;
using Instrumentation.Senders;

namespace Instrumentation.Reporting;

/// <summary>
/// Marks the thread while the tracer starts a request of its own: the reporter sending a packet,
/// the remote sampler polling its endpoint. Such a request would otherwise be traced when the
/// tracer listens to <c>System.Net.Http</c> (or <c>*</c>): the HTTP sender's span is reported,
/// which makes the next request, and so on forever. The sampler starts no root span on a marked thread.
/// </summary>
internal static class ReporterSending
{
    [ThreadStatic]
    private static bool active;

    public static bool IsActive => active;

    /// <summary>
    /// Runs <paramref name="start"/> with the mark set: a request started there (its span starts
    /// synchronously) is not traced. The state is passed in so that callers allocate nothing.
    /// </summary>
    public static T Marked<TState, T>(TState state, Func<TState, T> start)
    {
        var outer = active;
        active = true;
        try
        {
            return start(state);
        }
        finally
        {
            active = outer;
        }
    }

    /// <summary>Sends one packet through <paramref name="transport"/> with the mark set.</summary>
    public static bool TrySend(IPacketTransport transport, byte[] buffer, int offset, int count) =>
        Marked((transport, buffer, offset, count), static s => s.transport.TrySend(s.buffer, s.offset, s.count));
}
