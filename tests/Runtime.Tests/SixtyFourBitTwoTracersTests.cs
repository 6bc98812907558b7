using System.Diagnostics;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>Two 64-bit tracers in one process (two hosts in an integration test): disposing the first leaves the second's ids alone.</summary>
public sealed class SixtyFourBitTwoTracersTests
{
    [Fact]
    public void Disposing_one_tracer_keeps_64_bit_ids_for_the_tracer_still_running()
    {
        using var source = TracedSources.Create("TwoTracers.Test");
        Tracer Start()
        {
            var config = new TracerConfiguration("two") { TraceId128Bit = false, Sources = { source.Name } };
            config.Sender.AgentHost = "127.0.0.1";
            config.Sender.AgentPort = 9;
            return config.Start();
        }

        var first = Start();
        using var second = Start();
        first.Dispose();

        using var span = source.StartActivity("after")!;
        Assert.StartsWith("0000000000000000", span.TraceId.ToHexString()); // the high half stays zero
    }
}
