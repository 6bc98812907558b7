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
/// All call sites of the same target share one interceptor.
/// </summary>
/// <param name="Key">The method's documentation id: call sites of one key share an interceptor.</param>
/// <param name="MethodName">The method's name as declared (unescaped): the interceptor's, the accessor's and the call's.</param>
/// <param name="TypeParameters">The containing types' type parameters, then the method's own (the last <paramref name="MethodArity"/>).</param>
/// <param name="ContainingType">The type declaring the method, fully qualified: the receiver's type, a static call's qualifier, the accessor's target.</param>
/// <param name="ViaAccessor">The target is private or protected and is called through an <c>[UnsafeAccessor]</c>.</param>
/// <param name="Carrier">What the span does with the <c>[TraceContext]</c> parameter <paramref name="CarrierParameter"/>.</param>
/// <param name="MarksReceiver">The receiver is an interface, so the call is marked for a generated decorator (<c>TracedHandoff</c>) that must not trace it a second time.</param>
/// <param name="MethodAttributes">The target's own attributes an interceptor must repeat (<c>[DoesNotReturn]</c>), and its containing types' requirements.</param>
/// <param name="DiagnosticIds">The ids of <c>[Experimental]</c> and <c>[Obsolete(DiagnosticId = ...)]</c> on what the interceptor uses, which its file disables.</param>
internal sealed record TargetMethod(
    string Key,
    string OperationName,
    int Kind,
    string MethodName,
    EquatableArray<TypeParameterModel> TypeParameters,
    int MethodArity,
    ReceiverKind Receiver,
    string ContainingType,
    string ReturnType,
    RefMode ReturnRef,
    ReturnShape Shape,
    EquatableArray<ParameterModel> Parameters,
    string? ReturnTagName,
    string? FunctionName,
    string? FilePath,
    int LineNumber,
    EquatableArray<AttributeModel> ReturnAttributes,
    bool ViaAccessor,
    bool ReturnTagAsText,
    CarrierMode Carrier,
    string? CarrierParameter,
    bool MarksReceiver,
    EquatableArray<AttributeModel> MethodAttributes,
    EquatableArray<string> DiagnosticIds,
    EquatableArray<string> ConditionalSymbols = default);
