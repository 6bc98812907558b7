using Xunit;

namespace Instrumentation.Hosting.Tests;

/// <summary>Tests that read or set process-wide state (JAEGER_* variables, the current propagator) run one at a time, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "JAEGER_* environment";
}
