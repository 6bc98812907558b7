using System.Diagnostics;

namespace Instrumentation.Propagation;

/// <summary>
/// Makes a propagator <see cref="DistributedContextPropagator.Current"/> for a tracer's lifetime,
/// and on <see cref="Restore"/> puts back the one it replaced, unless someone has replaced ours since.
/// </summary>
internal sealed class InstalledPropagator
{
    private readonly DistributedContextPropagator previous;
    private readonly DistributedContextPropagator installed;

    public InstalledPropagator(DistributedContextPropagator propagator)
    {
        previous = DistributedContextPropagator.Current;
        installed = propagator;
        DistributedContextPropagator.Current = propagator;
    }

    public void Restore()
    {
        if (ReferenceEquals(DistributedContextPropagator.Current, installed)) DistributedContextPropagator.Current = previous;
    }
}
