namespace Instrumentation.Generator.Model;

/// <summary>How the interceptor receives the instance the call is made on.</summary>
internal enum ReceiverKind
{
    /// <summary>Static method: no receiver.</summary>
    None,

    /// <summary>A class, interface or other reference: <c>this T @this</c>.</summary>
    Value,

    /// <summary>A mutable struct: <c>this ref T @this</c>, so mutations flow back.</summary>
    Ref,

    /// <summary>A readonly struct or readonly member: <c>this in T @this</c>.</summary>
    In,
}

/// <summary>What the call returns, which decides when the span ends.</summary>
internal enum ReturnShape
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,

    /// <summary>An iterator returning <c>IEnumerable&lt;T&gt;</c>: the span covers the enumeration.</summary>
    Enumerable,

    /// <summary>An async iterator returning <c>IAsyncEnumerable&lt;T&gt;</c>: the span covers the enumeration.</summary>
    AsyncEnumerable,
}

/// <summary>
/// Everything the emitter needs about one traced method, as plain equatable values (no symbols).
/// All call sites of the same target share one interceptor. <c>AccessorOf</c> names the containing
/// type when the target is private or protected and is called through an <c>[UnsafeAccessor]</c>.
/// <c>Carrier</c> says what the span does with the <c>[TraceContext]</c> parameter <c>CarrierParameter</c>;
/// <c>MarksReceiver</c>: the receiver is an interface, so the call is marked for a generated decorator
/// (<c>TracedHandoff</c>) that must not trace it a second time. <c>MethodAttributes</c>: the target's own attributes
/// an interceptor must repeat (<c>[DoesNotReturn]</c>), as source text ending in a space, or empty. <c>DiagnosticIds</c>:
/// the ids of <c>[Experimental]</c> and <c>[Obsolete(DiagnosticId = ...)]</c> on what the interceptor uses, which its file disables.
/// </summary>
internal sealed record TargetMethod(
    string Key,
    string OperationName,
    int Kind,
    string InterceptorName,
    string TypeParameters,
    string Constraints,
    ReceiverKind Receiver,
    string ReceiverType,
    string CallTarget,
    string ReturnType,
    string ReturnModifier,
    ReturnShape Shape,
    EquatableArray<ParameterModel> Parameters,
    string? ReturnTagName,
    string? FunctionName,
    string? FilePath,
    int LineNumber,
    string ReturnAttributes = "",
    string? AccessorOf = null,
    bool ReturnTagAsText = false,
    CarrierMode Carrier = CarrierMode.None,
    string? CarrierParameter = null,
    bool MarksReceiver = false,
    string MethodAttributes = "",
    EquatableArray<string> DiagnosticIds = default);
