using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>Records each log line with the key/values of the scopes around it (as a console or JSON formatter would print them).</summary>
public sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly List<Line> lines = [];
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public sealed record Line(string Message, IReadOnlyDictionary<string, object?> Scope);

    public IReadOnlyList<Line> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            owner.scopes.ForEachScope((s, into) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (k, v) in pairs) into[k] = v;
                }
            }, scope);
            lock (owner.lines) owner.lines.Add(new Line(formatter(state, exception), scope));
        }
    }
}
