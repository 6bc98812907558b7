using System.Threading;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// What the remote sampler decided for recent roots, so a span that ends after the strategy changed
/// is still recognized as sampled, with the tags of the decision that sampled it: 16,384 slots
/// indexed by the trace id's low bits (random), no allocation and no lock. A slot holds its last
/// root; a root whose slot was reused is rechecked against the strategies (see <see cref="RemoteSampler.Sampled"/>).
/// </summary>
internal sealed class RemoteDecisions
{
    private const int Slots = 1 << 14;
    private readonly long[] keys = new long[Slots];
    private readonly SamplerTags?[] tags = new SamplerTags?[Slots];

    public void Remember(long traceIdLow, SamplerTags decision)
    {
        var slot = (int)traceIdLow & (Slots - 1);
        // The key last: a reader that sees it sees these tags, or a later root's (only the tags' values can be off).
        tags[slot] = decision;
        Volatile.Write(ref keys[slot], traceIdLow);
    }

    public SamplerTags? Find(long traceIdLow)
    {
        var slot = (int)traceIdLow & (Slots - 1);
        return traceIdLow != 0 && Volatile.Read(ref keys[slot]) == traceIdLow ? tags[slot] : null;
    }
}
