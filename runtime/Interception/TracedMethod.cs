using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// What generated code knows at compile time about one traced method: its source, operation name,
/// kind and code location. One static instance per interceptor; <see cref="Start()"/> is the whole
/// per-call cost when nobody listens (the BCL's own check).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TracedMethod
{
    private readonly object? lineNumber;

    /// <summary>Describes a traced method; code location arguments may be null when switched off.</summary>
    public TracedMethod(ActivitySource source, string operationName, ActivityKind kind, string? functionName = null, string? filePath = null, int lineNumber = 0)
    {
        Source = source;
        OperationName = operationName;
        Kind = kind;
        FunctionName = functionName;
        FilePath = filePath;
        this.lineNumber = lineNumber > 0 ? lineNumber : null; // boxed once, not per call
    }

    /// <summary>The assembly's activity source.</summary>
    public ActivitySource Source { get; }

    /// <summary>The span name.</summary>
    public string OperationName { get; }

    /// <summary>The span kind.</summary>
    public ActivityKind Kind { get; }

    /// <summary><c>code.function.name</c>, or null.</summary>
    public string? FunctionName { get; }

    /// <summary><c>code.file.path</c>, or null.</summary>
    public string? FilePath { get; }

    /// <summary>Starts the span (null when not listened to) and sets the code location tags when recorded.</summary>
    public Activity? Start()
    {
        var span = Source.StartActivity(OperationName, Kind);
        SetCodeTags(span);
        return span;
    }

    /// <summary>
    /// Starts a consumer/server span whose parent is the context found in <paramref name="carrier"/>
    /// (its baggage included); without one, the span is a child of <see cref="Activity.Current"/>.
    /// </summary>
    public Activity? StartConsumer(IEnumerable<KeyValuePair<string, string>>? carrier)
    {
        var parent = TraceContext.Extract(carrier);
        var span = parent == default ? Source.StartActivity(OperationName, Kind) : Source.StartActivity(OperationName, Kind, parent);
        if (span is null) return null;
        // Baggage may travel without a trace context (W3C Baggage allows it): keep it either way.
        foreach (var item in TraceContext.ExtractBaggage(carrier)) span.AddBaggage(item.Key, item.Value);
        SetCodeTags(span);
        return span;
    }

    /// <summary>
    /// Starts a producer/client span and writes its context into <paramref name="carrier"/>, so the
    /// receiver continues the trace. When nobody listens, the current context (if any) is written.
    /// </summary>
    public Activity? StartProducer(IDictionary<string, string>? carrier)
    {
        var span = Start();
        TraceContext.Inject(span, carrier);
        return span;
    }

    /// <summary>Starts a <c>Tracing.Block</c> span: the given name, or the compile-time default when null.</summary>
    public Activity? StartBlock(string? operationName)
    {
        var span = Source.StartActivity(operationName ?? OperationName, Kind);
        SetCodeTags(span);
        return span;
    }

    private void SetCodeTags(Activity? span) => SetCodeTags(span, FunctionName, FilePath, lineNumber);

    /// <summary>The <c>code.*</c> tags, on recorded spans only; no tags without a function name.</summary>
    internal static void SetCodeTags(Activity? span, string? functionName, string? filePath, object? lineNumber)
    {
        if (span is not { IsAllDataRequested: true } || functionName is null) return;
        span.SetTag("code.function.name", functionName);
        if (filePath is not null) span.SetTag("code.file.path", filePath);
        if (lineNumber is not null) span.SetTag("code.line.number", lineNumber);
    }
}
