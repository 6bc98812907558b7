using System;
using System.Diagnostics;
using System.IO;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

public sealed class LogSpansWithoutLoggerTests
{
    [Fact]
    public void LogSpans_without_a_logger_factory_prints_each_span_to_standard_output()
    {
        using var agent = new UdpAgent();
        var sourceName = "stdout." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("stdout-spans", sourceName);
        config.Reporter.LogSpans = true;

        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        Activity span;
        try
        {
            using var tracer = config.Start();
            using (span = source.StartActivity("print-me")!)
            {
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        var line = Assert.Single(captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(span.TraceId.ToHexString(), StringComparison.Ordinal));
        Assert.Contains($"{span.TraceId.ToHexString()}:{span.SpanId.ToHexString()}:0:1 print-me", line, StringComparison.Ordinal);
    }
}
