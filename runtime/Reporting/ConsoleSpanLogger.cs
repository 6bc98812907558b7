using System;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Reporting;

/// <summary>
/// Where <c>LogSpans</c> lines go when no <c>ILoggerFactory</c> is configured: standard output, one
/// line each (Go's <c>jaeger.StdLogger</c>), so turning LogSpans on always shows something.
/// </summary>
internal sealed class ConsoleSpanLogger : ILogger
{
    public static readonly ConsoleSpanLogger Instance = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Console.Out.WriteLine(formatter(state, exception));
    }
}
