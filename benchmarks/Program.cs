using BenchmarkDotNet.Running;
using Instrumentation.Benchmarks.Burst;
using Instrumentation.Benchmarks.Paced;

namespace Instrumentation.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter *</c> runs the BenchmarkDotNet suites;
/// <c>-- burst [runs]</c> the burst comparison; <c>-- wire</c> the per-span wire-size breakdown;
/// <c>-- paced [spans/s]</c> the app thread's CPU per traced call at a fixed rate;
/// <c>-- stoplatency [spans/thread]</c> the longest single <c>Activity.Stop()</c> with 8 producer threads.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0)
        {
            switch (args[0])
            {
                case "burst": return BurstRunner.Run(args[1..]);
                case "burst-child": return BurstChild.Run(args[1..]);
                case "wire": return WireReport.Run();
                case "paced": return PacedRunner.Run(args[1..]);
                case "paced-child": return PacedRunner.RunChild(args[1..]);
                case "stoplatency": return StopLatency.StopLatencyRunner.Run(args[1..]);
                case "profile-serialize": return ProfileSerialize.Run();
                case "overhead": return Overhead.OverheadRunner.Run(args[1..]);
                case "wrapper-cpu": return WrapperCpu.WrapperCpuRunner.Run(args[1..]);
            }
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
