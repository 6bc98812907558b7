using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// <c>Reporter.LogSpans</c> (<c>JAEGER_REPORTER_LOG_SPANS</c>) writes one line per finished sampled
/// span through the configured logger factory, in Jaeger's <c>trace:span:parent:flags</c> form with
/// the operation and the duration, while spans still go to the agent.
/// </summary>
public sealed class LogSpansTests
{
    [Fact]
    public void Each_finished_span_is_logged_once_and_still_sent_to_the_agent()
    {
        using var agent = new UdpAgent();
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = provider.CreateFactory();
        var sourceName = "logspans." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("log-spans", sourceName);
        config.Reporter.LogSpans = true;
        config.LoggerFactory = loggerFactory;
        using var tracer = config.Start();

        Activity root, child;
        using (root = source.StartActivity("checkout")!)
        {
            using (child = source.StartActivity("charge-card")!)
            {
            }
        }

        // Unsampled (remote parent without the flag): no line, nothing sent.
        source.StartActivity("unsampled", ActivityKind.Server,
            new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true))!.Dispose();

        // The logging reporter writes on the thread that ends the span: the lines are there now.
        var lines = SpanLines(provider, root.TraceId);
        Assert.Equal(2, lines.Count);
        var childLine = Assert.Single(lines, l => l.Contains("charge-card", StringComparison.Ordinal));
        var rootLine = Assert.Single(lines, l => l.Contains("checkout", StringComparison.Ordinal));
        Assert.Contains($"{child.TraceId.ToHexString()}:{child.SpanId.ToHexString()}:{root.SpanId.ToHexString()}:1", childLine, StringComparison.Ordinal);
        Assert.Contains($"{root.TraceId.ToHexString()}:{root.SpanId.ToHexString()}:0:1", rootLine, StringComparison.Ordinal);
        Assert.Contains(Milliseconds(child.Duration) + " ms", childLine, StringComparison.Ordinal);
        Assert.Contains(Milliseconds(root.Duration) + " ms", rootLine, StringComparison.Ordinal);
        Assert.DoesNotContain(provider.Entries, e => e.Message.Contains("unsampled", StringComparison.Ordinal));

        tracer.Dispose();
        var spans = agent.WaitForSpans(2).SelectMany(b => b.Spans).ToList();
        Assert.Equal(new[] { "charge-card", "checkout" }, spans.Select(s => s.OperationName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(2, tracer.Counters.SpansReported);
    }

    [Fact]
    public void A_64_bit_trace_id_is_printed_with_16_hex_digits_as_the_Jaeger_clients_print_it()
    {
        using var agent = new UdpAgent();
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = provider.CreateFactory();
        var sourceName = "logspans64." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("log-spans-64", sourceName);
        config.Reporter.LogSpans = true;
        config.LoggerFactory = loggerFactory;
        using var tracer = config.Start();
        // A trace continued from a 64-bit Jaeger client (uber-trace-id with 16 hex digits).
        var parent = new ActivityContext(ActivityTraceId.CreateFromString("0000000000000000a3ce929d0e0e4736"), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        var span = source.StartActivity("continued", ActivityKind.Server, parent)!;
        span.Dispose();

        var line = Assert.Single(provider.Entries, e => e.Message.Contains("continued", StringComparison.Ordinal)).Message;
        Assert.Contains($"Reporting span a3ce929d0e0e4736:{span.SpanId.ToHexString()}:{parent.SpanId.ToHexString()}:1 continued", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_sink_that_throws_never_reaches_the_app_and_the_span_is_still_sent()
    {
        // The IsEnabled check ran outside the guard: the logger wraps a provider's exception in an
        // AggregateException, which escaped from the app's Activity.Dispose().
        using var agent = new UdpAgent();
        using var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => Microsoft.Extensions.Logging.LoggingBuilderExtensions.AddProvider(b, new BrokenProvider()));
        var sourceName = "logspans-broken." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("log-spans-broken", sourceName);
        config.Reporter.LogSpans = true;
        config.LoggerFactory = loggerFactory;
        var tracer = config.Start();

        source.StartActivity("logged")!.Dispose();
        tracer.Dispose();

        Assert.Equal(1, tracer.Counters.SpansReported);
        Assert.Equal("logged", Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans)).OperationName);
    }

    private sealed class BrokenProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new BrokenLogger();

        public void Dispose()
        {
        }
    }

    private sealed class BrokenLogger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => throw new InvalidOperationException("sink broken");

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new InvalidOperationException("sink broken");
    }

    [Fact]
    public void A_debug_span_is_printed_with_the_flags_it_is_sent_with()
    {
        // The line masked the flags down to the sampled bit: a debug span (3 on the wire) was printed with 1.
        using var agent = new UdpAgent();
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = provider.CreateFactory();
        var sourceName = "logspans-debug." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("log-spans-debug", sourceName);
        config.Reporter.LogSpans = true;
        config.LoggerFactory = loggerFactory;
        using var tracer = config.Start();
        var parent = TraceContext.Extract(new Dictionary<string, string> { ["uber-trace-id"] = "000000000000abcd:00000000000000ef:0:3" });

        var span = source.StartActivity("debugged", ActivityKind.Server, parent)!;
        span.Dispose();
        tracer.Flush(TimeSpan.FromSeconds(5));

        var line = Assert.Single(provider.Entries, e => e.Message.Contains("debugged", StringComparison.Ordinal)).Message;
        Assert.Contains($"Reporting span 000000000000abcd:{span.SpanId.ToHexString()}:00000000000000ef:3 debugged", line, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans)).Flags);
    }

    [Theory]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    public void The_environment_variable_turns_span_lines_on_and_off(string logSpans, int expectedLines)
    {
        using var agent = new UdpAgent();
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = provider.CreateFactory();
        var sourceName = "logspans-env." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var env = new Dictionary<string, string> { ["JAEGER_REPORTER_LOG_SPANS"] = logSpans };
        var config = agent.Configure("log-spans-env", sourceName).WithEnvironmentOverrides(name => env.GetValueOrDefault(name));
        config.LoggerFactory = loggerFactory;
        using var tracer = config.Start();

        var span = source.StartActivity("env-logged")!;
        span.Dispose();
        tracer.Dispose();

        Assert.Equal(expectedLines, SpanLines(provider, span.TraceId).Count);
        Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans));
    }

    private static List<string> SpanLines(CapturingLoggerProvider provider, ActivityTraceId traceId) =>
        provider.Entries.Select(e => e.Message).Where(m => m.Contains(traceId.ToHexString(), StringComparison.Ordinal)).ToList();

    private static string Milliseconds(TimeSpan duration) => duration.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);
}
