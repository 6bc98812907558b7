using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// Per-operation sampling (<c>operationSampling</c>), as jaeger-client-go applies it: each operation
/// is sampled with its own probability and guaranteed a lower bound of traces per second; an
/// operation the strategy does not name gets the default probability and lower bound, until
/// <c>maxOperations</c> operations are known; beyond that, the default probability alone.
/// </summary>
internal sealed class PerOperationStrategy : SamplingStrategy
{
    private readonly ConcurrentDictionary<string, GuaranteedThroughput> operations = new(System.StringComparer.Ordinal);
    private readonly double defaultRate;
    private readonly double lowerBound;
    private readonly int maxOperations;
    private readonly ProbabilisticStrategy beyondMax;
    private int count;

    public PerOperationStrategy(double defaultRate, double lowerBound, IEnumerable<KeyValuePair<string, double>> rates, int maxOperations)
    {
        this.defaultRate = defaultRate;
        this.lowerBound = lowerBound;
        this.maxOperations = maxOperations;
        beyondMax = new ProbabilisticStrategy(defaultRate);
        // Every operation the endpoint names is kept (as the Go client does); the cap applies to the ones it does not.
        foreach (var pair in rates)
        {
            if (operations.TryAdd(pair.Key, new GuaranteedThroughput(pair.Value, lowerBound))) count++;
        }
    }

    public override SamplerTags DefaultTags => beyondMax.DefaultTags;

    public override SamplerTags? Decide(long traceIdLow, string operationName)
    {
        if (!operations.TryGetValue(operationName, out var sampler) && (sampler = Add(operationName)) is null)
            return beyondMax.Decide(traceIdLow, operationName);
        return sampler.Decide(traceIdLow);
    }

    /// <summary>A new operation's sampler, under a lock (rare: once per operation): null once the cap is reached.</summary>
    private GuaranteedThroughput? Add(string operationName)
    {
        lock (operations)
        {
            if (operations.TryGetValue(operationName, out var added)) return added;
            if (count >= maxOperations) return null;
            added = new GuaranteedThroughput(defaultRate, lowerBound);
            operations[operationName] = added;
            count++;
            return added;
        }
    }

    public override SamplerTags? Recheck(long traceIdLow, string operationName) =>
        operations.TryGetValue(operationName, out var sampler) ? sampler.Recheck(traceIdLow) : beyondMax.Recheck(traceIdLow, operationName);

    /// <summary>Probabilistic with a lower bound: a trace the probability rejects may still be taken by the lower bound's rate limiter.</summary>
    private sealed class GuaranteedThroughput(double rate, double lowerBound)
    {
        private readonly ProbabilisticTest test = new(rate);
        private readonly TokenBucket bucket = new(lowerBound);
        private readonly SamplerTags probabilistic = new(SamplerTypes.Probabilistic, rate);
        private readonly SamplerTags lowerBoundTags = new(SamplerTypes.LowerBound, rate, reproducible: false);

        public SamplerTags? Decide(long traceIdLow)
        {
            if (test.Passes(traceIdLow))
            {
                // A credit is spent all the same (as the Go client does), so the lower bound does not bank credits while traffic is high.
                bucket.TryTake();
                return probabilistic;
            }

            return bucket.TryTake() ? lowerBoundTags : null;
        }

        public SamplerTags? Recheck(long traceIdLow) => test.Passes(traceIdLow) ? probabilistic : null;
    }
}
