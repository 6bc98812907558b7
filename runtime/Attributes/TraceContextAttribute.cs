using System;

namespace Instrumentation;

/// <summary>
/// Marks the parameter of a <c>[Traced]</c> method that carries trace context headers (for
/// example a message's headers). With <c>Kind = Consumer</c> or <c>Server</c> the span becomes a
/// child of the context extracted from it; with <c>Kind = Producer</c> or <c>Client</c> the span's
/// context is injected into it before the method runs. Supported carrier types: anything that
/// implements <c>IEnumerable&lt;KeyValuePair&lt;string, string&gt;&gt;</c> to extract from, and
/// <c>IDictionary&lt;string, string&gt;</c> to inject into.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TraceContextAttribute : Attribute
{
}
