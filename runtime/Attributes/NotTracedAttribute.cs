using System;

namespace Instrumentation;

/// <summary>
/// Excludes a method (or a whole type) from tracing that a <see cref="TracedAttribute"/> on its
/// type or assembly would otherwise include.
/// </summary>
[AttributeUsage(
    AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface,
    AllowMultiple = false, Inherited = false)]
public sealed class NotTracedAttribute : Attribute
{
}
