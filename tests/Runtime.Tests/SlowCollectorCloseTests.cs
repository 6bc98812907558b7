using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

public sealed class SlowCollectorCloseTests
{
    [Fact]
    public void Close_timeout_during_a_hung_send_counts_every_span_exactly_once()
    {
        // A collector that accepts connections and never answers: the reporter's POST hangs.
        var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        try
        {
            var port = ((IPEndPoint)hung.LocalEndpoint).Port;
            var sourceName = "hung." + Guid.NewGuid().ToString("N");
            using var source = new ActivitySource(sourceName);
            var config = new TracerConfiguration("hung-collector");
            config.Sources.Add(sourceName);
            config.Sender.Endpoint = new Uri($"http://127.0.0.1:{port}/api/traces");
            // The hung send would last a minute: a Dispose that waited for it would take that long.
            config.Sender.HttpTimeout = TimeSpan.FromSeconds(60);
            config.Sender.MaxHttpBodySize = 4096;
            config.Reporter.CloseTimeout = TimeSpan.FromMilliseconds(200);
            config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
            var tracer = config.Start();

            for (var i = 0; i < 200; i++) source.StartActivity("span-" + i)!.Dispose();
            var clock = Stopwatch.StartNew();
            tracer.Dispose();
            // Dispose gives up after the 200 ms close timeout, not after the hung send: the bound leaves
            // seconds for a loaded machine to schedule the waiting thread, and is far below the send's minute.
            var disposeTook = clock.Elapsed;
            Assert.True(disposeTook < TimeSpan.FromSeconds(5), $"Dispose took {disposeTook}: it waited for the hung send, not the close timeout");

            // The collector goes away (its queued connections are reset): the abandoned reporter
            // thread's hung send fails, and the thread then counts what it never sent.
            hung.Stop();
            Assert.True(Poll.Until(() =>
            {
                var c = tracer.Counters;
                return c.SpansReported + c.SpansDropped >= 200;
            }, 30_000), tracer.Counters.ToString());
            var counters = tracer.Counters;
            Assert.Equal(200, counters.SpansFinished);
            Assert.Equal(0, counters.SpansReported);
            Assert.Equal(200, counters.SpansDropped);
            Assert.True(counters.SpansDroppedOnClose > 0, counters.ToString());
        }
        finally
        {
            hung.Stop();
        }
    }
}
