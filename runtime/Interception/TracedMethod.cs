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
    /// <summary>Where the method is; null when code tags are switched off.</summary>
    private readonly CodeLocation? place;

    /// <summary>What the reporter finds under <see cref="OperationName"/>: <see cref="place"/> unless the name is shared or the table full.</summary>
    private readonly CodeLocation? registered;

    /// <summary>The last explicitly named block and what the reporter finds under that name.</summary>
    private NamedBlock? lastBlock;

    /// <summary>Describes a traced method; code location arguments may be null when switched off.</summary>
    public TracedMethod(ActivitySource source, string operationName, ActivityKind kind, string? functionName = null, string? filePath = null, int lineNumber = 0)
    {
        Source = source;
        OperationName = operationName;
        Kind = kind;
        FunctionName = functionName;
        FilePath = filePath;
        if (functionName is null) return;
        place = new CodeLocation(functionName, filePath, lineNumber);
        registered = CodeLocations.Register(source, operationName, place);
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
        var span = SpanCallbacks.Start(Source, OperationName, Kind);
        SetCodeTags(span);
        return span;
    }

    /// <summary>
    /// Starts a consumer/server span whose parent is the context found in <paramref name="carrier"/>
    /// (its baggage included); without one, the span is a child of <see cref="Activity.Current"/>,
    /// or, when there is none and the carrier holds a <c>jaeger-debug-id</c>, the root of a debug
    /// trace (recorded whatever the sampler says, as the Jaeger clients do).
    /// </summary>
    public Activity? StartConsumer(IEnumerable<KeyValuePair<string, string>>? carrier)
    {
        var parent = TraceContext.Extract(carrier);
        var span = parent != default ? SpanCallbacks.Start(Source, OperationName, Kind, parent)
            : Activity.Current is null && Propagation.JaegerDebug.IdIn(carrier) is { } debugId ? SpanCallbacks.Start((Method: this, Id: debugId), static s => s.Method.StartDebugRoot(s.Id))
            : SpanCallbacks.Start(Source, OperationName, Kind);
        if (span is null) return null;
        // Baggage may travel without a trace context (W3C Baggage allows it): keep it either way.
        foreach (var item in TraceContext.ExtractBaggage(carrier)) span.AddBaggage(item.Key, item.Value);
        SetCodeTags(span);
        return span;
    }

    /// <summary>A root the tracer's sampler must not refuse (it finds the note), tagged with the debug id.</summary>
    private Activity? StartDebugRoot(string debugId)
    {
        var span = Propagation.RequestedDebugRoot.StartForMessage(Source, OperationName, Kind);
        if (span is not null) Propagation.JaegerDebug.MarkRoot(span, debugId);
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
        if (operationName is null) return Start();
        var span = SpanCallbacks.Start(Source, operationName, Kind);
        if (place is not null && span is { IsAllDataRequested: true }) SetCodeTags(span, place, RegisteredAs(operationName));
        return span;
    }

    private void SetCodeTags(Activity? span)
    {
        if (place is not null && span is { IsAllDataRequested: true }) SetCodeTags(span, place, registered);
    }

    /// <summary>
    /// Puts the tags on the span unless a running tracer will write them from <paramref name="found"/>
    /// (what it finds under the span's name), which must then be this very place, unshared.
    /// </summary>
    private static void SetCodeTags(Activity span, CodeLocation place, CodeLocation? found)
    {
        if (ReferenceEquals(found, place) && !place.Ambiguous && !CodeLocations.OnActivity) return;
        SetCodeTags(span, place.FunctionName, place.FilePath, place.LineNumber);
    }

    /// <summary>
    /// A block name is registered when it is a literal (interned): the same string object on every
    /// call, as the reporter's lookup needs. Names built at run time keep their tags on the span.
    /// </summary>
    private CodeLocation? RegisteredAs(string blockName)
    {
        var last = lastBlock;
        if (last is null || !ReferenceEquals(last.Name, blockName))
        {
            var literal = ReferenceEquals(string.IsInterned(blockName), blockName);
            last = new NamedBlock(blockName, literal ? CodeLocations.Register(Source, blockName, place!) : null);
            lastBlock = last; // one reference written: a racing thread sees the old pair or the new one
        }

        return last.Registered;
    }

    /// <summary>The <c>code.*</c> tags, on recorded spans only; no tags without a function name.</summary>
    internal static void SetCodeTags(Activity? span, string? functionName, string? filePath, object? lineNumber)
    {
        if (span is not { IsAllDataRequested: true } || functionName is null) return;
        span.SetTag("code.function.name", functionName);
        if (filePath is not null) span.SetTag("code.file.path", filePath);
        if (lineNumber is not null) span.SetTag("code.line.number", lineNumber);
    }

    private sealed class NamedBlock(string name, CodeLocation? registered)
    {
        public string Name { get; } = name;

        public CodeLocation? Registered { get; } = registered;
    }
}
