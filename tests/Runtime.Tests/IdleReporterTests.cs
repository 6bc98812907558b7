using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

public sealed class IdleReporterTests
{
    [Theory]
    [InlineData(1)]        // hours: an interval whose Stopwatch ticks times 10^7 overflow a long
    [InlineData(100_000)]  // hours: longer than any wait accepts
    public void An_idle_reporter_with_a_long_flush_interval_sleeps_instead_of_spinning(int hours)
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads the reporter thread's CPU time from /proc");
        using var agent = new UdpAgent();
        var config = agent.Configure("idle", "idle." + Guid.NewGuid().ToString("N"));
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(hours);
        var before = ReporterThreads();
        var tracer = config.Start();
        try
        {
            var thread = Assert.Single(PollForNewReporterThread(before));
            var ticksBefore = CpuTicks(thread);
            Thread.Sleep(500); // the idle period being measured
            var used = CpuTicks(thread) - ticksBefore;

            // Clock ticks are 10 ms: a spinning thread would use about 50 in 500 ms.
            Assert.True(used <= 5, $"the reporter thread used {used} clock ticks of CPU in 500 ms idle");
        }
        finally
        {
            tracer.Dispose();
        }
    }

    [Fact]
    public void Flush_with_an_infinite_timeout_waits_for_the_flush()
    {
        using var agent = new UdpAgent();
        var sourceName = "infinite." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("infinite", sourceName);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        using var tracer = config.Start();
        source.StartActivity("one")!.Dispose();

        Assert.True(tracer.Flush(Timeout.InfiniteTimeSpan));
        Assert.Equal(1, tracer.Counters.SpansReported);
    }

    private static HashSet<string> ReporterThreads() =>
        Directory.GetDirectories("/proc/self/task")
            .Where(task => File.Exists(Path.Combine(task, "comm")) && SafeRead(Path.Combine(task, "comm")).Trim() == "Jaeger reporter")
            .ToHashSet();

    private static List<string> PollForNewReporterThread(HashSet<string> before)
    {
        List<string> fresh = [];
        Poll.Until(() => (fresh = ReporterThreads().Except(before).ToList()).Count > 0, 5_000);
        return fresh;
    }

    /// <summary>utime + stime of a thread, from /proc/self/task/TID/stat (fields 14 and 15, after the command name).</summary>
    private static long CpuTicks(string task)
    {
        var stat = SafeRead(Path.Combine(task, "stat"));
        var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty; // the thread ended meanwhile
        }
    }
}
