using System.Threading;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// The roots a rate limiter of the remote sampler said yes to (that yes cannot be asked again), with
/// their tags, kept until the slot is needed again: 4,096 sets of 4 slots indexed by the trace id's
/// low bits (random); no allocation, no lock. A new root takes a free slot of its set, else one
/// whose root ended (children that end after their root still find theirs meanwhile), else a
/// running one, which only more than 16,384 rate-limited roots running at once can force.
/// </summary>
internal sealed class RemoteDecisions
{
    private const int Ways = 4;
    private const int Sets = 1 << 12;
    private readonly long[] keys = new long[Sets * Ways];
    private readonly SamplerTags?[] tags = new SamplerTags?[Sets * Ways];
    private readonly bool[] ended = new bool[Sets * Ways];

    public void Remember(long traceIdLow, SamplerTags decision)
    {
        var first = ((int)traceIdLow & (Sets - 1)) * Ways;
        var slot = -1;
        for (var i = first; i < first + Ways && slot < 0; i++)
        {
            if (keys[i] == 0) slot = i;
        }

        for (var i = first; i < first + Ways && slot < 0; i++)
        {
            if (ended[i]) slot = i;
        }

        if (slot < 0) slot = first + (int)((ulong)traceIdLow >> 62);
        // The key last: a reader that sees it sees these tags (or a later root's: only the tags' values can be off).
        tags[slot] = decision;
        ended[slot] = false;
        Volatile.Write(ref keys[slot], traceIdLow);
    }

    public SamplerTags? Find(long traceIdLow)
    {
        if (traceIdLow == 0) return null;
        var first = ((int)traceIdLow & (Sets - 1)) * Ways;
        for (var i = first; i < first + Ways; i++)
        {
            if (Volatile.Read(ref keys[i]) == traceIdLow) return tags[i];
        }

        return null;
    }

    /// <summary>The root ended: its slot may be taken by a new root before a running one's.</summary>
    public void Ended(long traceIdLow)
    {
        var first = ((int)traceIdLow & (Sets - 1)) * Ways;
        for (var i = first; i < first + Ways; i++)
        {
            if (Volatile.Read(ref keys[i]) == traceIdLow) ended[i] = true;
        }
    }
}
