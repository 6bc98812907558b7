using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>A collector that never answers: Dispose gives up at the close timeout, and its counters add up as it returns.</summary>
public sealed class SlowCollectorCloseTests
{
    [Fact]
    public void Close_timeout_during_a_hung_send_counts_every_span_before_Dispose_returns_and_sends_nothing_after()
    {
        using var hung = new SilentCollector();
        var sourceName = "hung." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("hung-collector");
        config.Sources.Add(sourceName);
        config.Sender.Endpoint = new Uri($"http://127.0.0.1:{hung.Port}/api/traces");
        // The hung send would last a minute: a Dispose that waited for it would take that long.
        config.Sender.HttpTimeout = TimeSpan.FromSeconds(60);
        config.Sender.MaxHttpBodySize = 4096;
        config.Reporter.CloseTimeout = TimeSpan.FromMilliseconds(200);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        var tracer = config.Start();

        for (var i = 0; i < 2_000; i++) source.StartActivity("span-" + i)!.Dispose();
        Assert.True(Poll.Until(() => hung.Connections > 0), "the reporter never started its first POST");
        var clock = Stopwatch.StartNew();
        tracer.Dispose();
        var disposeTook = clock.Elapsed;

        // Read at once: nothing may still be on its way into the counters.
        var atReturn = tracer.Counters;
        Assert.True(disposeTook < TimeSpan.FromSeconds(5), $"Dispose took {disposeTook}: it waited for the hung send, not the close timeout");
        Assert.Equal(2_000, atReturn.SpansFinished);
        Assert.Equal(0, atReturn.SpansReported);
        Assert.Equal(2_000, atReturn.SpansDropped);
        Assert.Equal(2_000, atReturn.SpansDroppedOnClose);

        // The abandoned request was aborted; no other starts. Watched for a while, since what is
        // asserted is that nothing happens.
        var connections = hung.Connections;
        Thread.Sleep(1_000);
        Assert.Equal(connections, hung.Connections);
        Assert.Equal(1, connections);
        Assert.Equal(atReturn.ToString(), tracer.Counters.ToString());
    }

    [Fact]
    public void A_flush_waiting_when_the_close_gives_up_returns_false()
    {
        // The reporter thread marked every pending flush complete on its way out, dropped spans and all:
        // a Flush already waiting returned true.
        using var hung = new SilentCollector();
        var sourceName = "hung-flush." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("hung-flush");
        config.Sources.Add(sourceName);
        config.Sender.Endpoint = new Uri($"http://127.0.0.1:{hung.Port}/api/traces");
        config.Sender.HttpTimeout = TimeSpan.FromSeconds(60);
        config.Reporter.CloseTimeout = TimeSpan.FromMilliseconds(300);
        config.Reporter.BufferFlushInterval = TimeSpan.FromHours(1);
        var tracer = config.Start();
        for (var i = 0; i < 100; i++) source.StartActivity("span-" + i)!.Dispose();

        var flushed = (bool?)null;
        var flusher = new Thread(() => flushed = tracer.Flush(TimeSpan.FromSeconds(30)));
        flusher.Start();
        Assert.True(Poll.Until(() => hung.Connections > 0), "the flush never started its POST");
        tracer.Dispose();
        Assert.True(flusher.Join(TimeSpan.FromSeconds(30)), "the flush never returned");

        Assert.False(flushed);
        Assert.False(tracer.Flush(TimeSpan.FromSeconds(1)));
        Assert.Equal(0, tracer.Counters.SpansReported);
        Assert.Equal(100, tracer.Counters.SpansDroppedOnClose);
    }

    /// <summary>Accepts connections and reads them, never answering.</summary>
    private sealed class SilentCollector : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> accepted = [];
        private int connections;

        public SilentCollector()
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            new Thread(Accept) { IsBackground = true }.Start();
        }

        public int Port { get; }

        public int Connections => Volatile.Read(ref connections);

        public void Dispose()
        {
            listener.Stop();
            lock (accepted) accepted.ForEach(s => s.Dispose());
        }

        private void Accept()
        {
            try
            {
                while (true)
                {
                    var socket = listener.AcceptSocket();
                    Interlocked.Increment(ref connections);
                    lock (accepted) accepted.Add(socket);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // stopped
            }
        }
    }
}
