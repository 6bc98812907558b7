using System;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// Marks code whose calls get a span. On a method: every call of it. On a class, struct or
/// interface: every ordinary method of it (not accessors, operators, constructors,
/// <c>ToString</c>/<c>Equals</c>/<c>GetHashCode</c>). On an assembly: every ordinary method whose
/// full type name matches <see cref="Pattern"/>. The source generator reads this attribute at
/// compile time and writes the span code; nothing is looked up by reflection at run time.
/// </summary>
[AttributeUsage(
    AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct |
    AttributeTargets.Interface | AttributeTargets.Assembly,
    AllowMultiple = false, Inherited = false)]
public sealed class TracedAttribute : Attribute
{
    /// <summary>Traces with the default operation name <c>Type.Method</c>.</summary>
    public TracedAttribute() { }

    /// <summary>Traces with the given operation name (method-level use).</summary>
    public TracedAttribute(string operationName) => OperationName = operationName;

    /// <summary>The span's operation name; <c>Type.Method</c> when null.</summary>
    public string? OperationName { get; }

    /// <summary>The span kind (Jaeger tag <c>span.kind</c>); <see cref="ActivityKind.Internal"/> by default.</summary>
    public ActivityKind Kind { get; set; } = ActivityKind.Internal;

    /// <summary>
    /// Assembly-level use only: which types are traced, as a namespace or type name pattern where
    /// <c>*</c> matches any run of characters (for example <c>MyApp.Services.*</c>). Several
    /// patterns may be separated by <c>;</c>. Null traces every type of the assembly.
    /// </summary>
    public string? Pattern { get; set; }
}
