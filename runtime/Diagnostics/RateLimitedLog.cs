using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Diagnostics;

/// <summary>
/// Logs reporter errors at most once per interval, saying how many were suppressed since the last
/// line, so a down agent cannot flood the application's log. Used from the reporter thread, and from
/// app threads serializing their own spans while the reporter is behind: a lock keeps the count
/// right (errors are rare; the logger itself is called outside it).
/// </summary>
internal sealed class RateLimitedLog(ILogger logger, TimeSpan interval)
{
    private readonly long intervalTicks = StopwatchTime.Ticks(interval);
    private long nextAllowed = long.MinValue;
    private int suppressed;

    private readonly object gate = new();

    /// <summary>A rare event worth a line (the agent moved: at most one per look-up), not rate limited.</summary>
    public void Info(string message)
    {
        try
        {
            logger.LogInformation("Jaeger reporter: {Event}", message);
        }
        catch
        {
            // A broken logger must not break reporting.
        }
    }

    public void Error(Exception? exception, string message)
    {
        int more;
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (now < nextAllowed)
            {
                suppressed++;
                return;
            }

            nextAllowed = now + intervalTicks;
            more = suppressed;
            suppressed = 0;
        }

        try
        {
            logger.LogWarning(exception, "Jaeger reporter: {Problem} ({Suppressed} similar errors since the last report)", message, more);
        }
        catch
        {
            // A broken logger must not break reporting.
        }
    }
}
