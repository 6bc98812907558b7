using System;
using Instrumentation.Senders;

namespace Instrumentation.Reporting;

/// <summary>
/// Marks the thread while the reporter sends a packet. The HTTP sender's own request would
/// otherwise be traced when the tracer listens to <c>System.Net.Http</c> (or <c>*</c>): that span
/// is reported, which makes the next request, and so on forever. The sampler starts no root span
/// on a marked thread.
/// </summary>
internal static class ReporterSending
{
    [ThreadStatic]
    private static bool active;

    public static bool IsActive => active;

    /// <summary>Runs <paramref name="start"/> (which starts a request: its span starts synchronously) with the mark set.</summary>
    public static T Marked<T>(Func<T> start)
    {
        var outer = active;
        active = true;
        try
        {
            return start();
        }
        finally
        {
            active = outer;
        }
    }

    /// <summary>Sends one packet through <paramref name="transport"/> with the mark set.</summary>
    public static bool TrySend(IPacketTransport transport, byte[] buffer, int offset, int count)
    {
        var outer = active;
        active = true;
        try
        {
            return transport.TrySend(buffer, offset, count);
        }
        finally
        {
            active = outer;
        }
    }
}
