using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Benchmarks;

/// <summary>
/// What the span-log provider (<c>logging.AddSpanLogs()</c>) adds to an <c>ILogger.LogInformation</c>
/// call. Every factory has one enabled provider that discards (standing in for the console or a
/// file), so the baseline is a real logging call; the other rows add our provider to it.
/// <c>Unsampled</c>: the current span is not recorded (a remote parent said no), the case that
/// must cost nothing. <c>Sampled</c>: each invocation starts a recorded span and writes 100 records
/// into it (under the default cap), so the difference is our cost per attached record.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SpanLogBenchmarks
{
    private const int RecordsPerSpan = 100;
    private ActivitySource source = null!;
    private ActivityListener listener = null!;
    private ILoggerFactory plain = null!;
    private ILoggerFactory withSpanLogs = null!;
    private ILogger plainLogger = null!;
    private ILogger spanLogger = null!;
    private ILogger noopLogger = null!;
    private ILoggerFactory? console;
    private ILoggerFactory? consoleWithSpanLogs;
    private ILogger consoleLogger = null!;
    private ILogger consoleSpanLogger = null!;
    private Activity? unsampled;
    private ActivityContext unsampledParent;

    [GlobalSetup(Targets = [nameof(Sampled_Without), nameof(Sampled_WithSpanLogs)])]
    public void SetupSampled() => Setup();

    /// <summary>The unsampled span stays current on the benchmark thread (BenchmarkDotNet runs the workload on the setup's thread).</summary>
    [GlobalSetup(Targets = [nameof(Unsampled_Without), nameof(Unsampled_WithSpanLogs), nameof(Unsampled_WithNoOpProvider), nameof(UnsampledConsole_Without), nameof(UnsampledConsole_WithSpanLogs)])]
    public void SetupUnsampled()
    {
        Setup();
        // The console provider as an app has it; its background writer prints into nothing here.
        Console.SetOut(System.IO.TextWriter.Null);
        console = LoggerFactory.Create(b => b.AddSimpleConsole());
        consoleWithSpanLogs = LoggerFactory.Create(b => b.AddSimpleConsole().AddSpanLogs());
        consoleLogger = console.CreateLogger("Bench");
        consoleSpanLogger = consoleWithSpanLogs.CreateLogger("Bench");
        unsampled = source.StartActivity("unsampled", ActivityKind.Internal, unsampledParent);
        if (unsampled is not { Recorded: false }) throw new InvalidOperationException("expected an unrecorded current span");
    }

    private void Setup()
    {
        source = new ActivitySource("Bench.SpanLogs");
        listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            // Parent-based, as our sampler: a remote "not sampled" parent gives an unrecorded span.
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent != default && (o.Parent.TraceFlags & ActivityTraceFlags.Recorded) == 0
                    ? ActivitySamplingResult.PropagationData
                    : ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        plain = LoggerFactory.Create(b => b.AddProvider(new DiscardingLoggerProvider()));
        withSpanLogs = LoggerFactory.Create(b => b.AddProvider(new DiscardingLoggerProvider()).AddSpanLogs());
        plainLogger = plain.CreateLogger("Bench");
        spanLogger = withSpanLogs.CreateLogger("Bench");
        noopLogger = LoggerFactory.Create(b => b.AddProvider(new DiscardingLoggerProvider()).AddProvider(new NoOpProvider())).CreateLogger("Bench");
        unsampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        unsampled?.Dispose();
        plain.Dispose();
        console?.Dispose();
        consoleWithSpanLogs?.Dispose();
        withSpanLogs.Dispose();
        listener.Dispose();
        source.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Unsampled")]
    public void Unsampled_Without() => plainLogger.LogInformation("Order {OrderId} placed by {Customer}", 42, "ann");

    [Benchmark]
    [BenchmarkCategory("Unsampled")]
    public void Unsampled_WithSpanLogs() => spanLogger.LogInformation("Order {OrderId} placed by {Customer}", 42, "ann");

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("UnsampledConsole")]
    public void UnsampledConsole_Without() => consoleLogger.LogInformation("Order {OrderId} placed by {Customer}", 42, "ann");

    [Benchmark]
    [BenchmarkCategory("UnsampledConsole")]
    public void UnsampledConsole_WithSpanLogs() => consoleSpanLogger.LogInformation("Order {OrderId} placed by {Customer}", 42, "ann");

    /// <summary>What the logging framework charges for any extra provider, even one whose Log does nothing.</summary>
    [Benchmark]
    [BenchmarkCategory("Unsampled")]
    public void Unsampled_WithNoOpProvider() => noopLogger.LogInformation("Order {OrderId} placed by {Customer}", 42, "ann");

    [Benchmark(Baseline = true, OperationsPerInvoke = RecordsPerSpan)]
    [BenchmarkCategory("Sampled")]
    public void Sampled_Without() => LogInSampledSpan(plainLogger);

    [Benchmark(OperationsPerInvoke = RecordsPerSpan)]
    [BenchmarkCategory("Sampled")]
    public void Sampled_WithSpanLogs() => LogInSampledSpan(spanLogger);

    private void LogInSampledSpan(ILogger logger)
    {
        using var span = source.StartActivity("sampled");
        for (var i = 0; i < RecordsPerSpan; i++) logger.LogInformation("Order {OrderId} placed by {Customer}", i, "ann");
    }

    private sealed class NoOpProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new NoOp();

        public void Dispose()
        {
        }

        private sealed class NoOp : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => false;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }

    private sealed class DiscardingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => DiscardingLogger.Instance;

        public void Dispose()
        {
        }
    }

    private sealed class DiscardingLogger : ILogger
    {
        public static readonly DiscardingLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Formats, as a real sink would, then drops the text.
            _ = formatter(state, exception);
        }
    }
}
