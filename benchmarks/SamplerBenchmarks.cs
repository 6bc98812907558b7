using System.Collections.Generic;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Instrumentation.Sampling;
using Instrumentation.Sampling.Remote;

namespace Instrumentation.Benchmarks;

/// <summary>
/// A root span's sampling decision (issue 11's target: the remote sampler in force costs at most
/// 1.1x the probabilistic sampler). The same 1,024 trace ids each round, rate 0.5 so both answers
/// occur; the remote sampler with a probabilistic strategy (what most endpoints serve) and with a
/// per-operation one (10 operations named, the root's among them). No endpoint: the strategies are
/// put in force directly, as the poller does.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private const int Ids = 1024;
    private readonly ActivityTraceId[] traceIds = new ActivityTraceId[Ids];
    private ProbabilisticSampler probabilistic = null!;
    private RemoteSampler remoteProbabilistic = null!;
    private RemoteSampler remotePerOperation = null!;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> operations = new(System.StringComparer.Ordinal);

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Ids; i++) traceIds[i] = ActivityTraceId.CreateRandom();
        probabilistic = new ProbabilisticSampler(0.5);
        remoteProbabilistic = new RemoteSampler(0.001);
        remoteProbabilistic.Apply(new ProbabilisticStrategy(0.5));
        remotePerOperation = new RemoteSampler(0.001);
        var rates = new List<KeyValuePair<string, double>>();
        for (var i = 0; i < 10; i++)
        {
            rates.Add(new KeyValuePair<string, double>("GET /orders/" + i, 0.5));
            operations["GET /orders/" + i] = 1;
        }
        remotePerOperation.Apply(new PerOperationStrategy(0.5, 0, rates, 2000));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ids)]
    public int Probabilistic() => Decide(probabilistic);

    [Benchmark(OperationsPerInvoke = Ids)]
    public int RemoteProbabilistic() => Decide(remoteProbabilistic);

    [Benchmark(OperationsPerInvoke = Ids)]
    public int RemotePerOperation() => Decide(remotePerOperation);

    /// <summary>
    /// The floor of any per-operation decision: the probabilistic one plus finding the operation's
    /// entry by name (what a per-operation strategy cannot skip).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ids)]
    public int PerOperationFloor()
    {
        var yes = 0;
        foreach (var id in traceIds)
        {
            if (operations.TryGetValue("GET /orders/7", out var rate) && probabilistic.ShouldSample(id, "GET /orders/7")) yes += (int)rate;
        }

        return yes;
    }

    private int Decide(ISampler sampler)
    {
        var yes = 0;
        foreach (var id in traceIds)
        {
            if (sampler.ShouldSample(id, "GET /orders/7")) yes++;
        }

        return yes;
    }
}
