using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// A stand-in Jaeger agent: a UDP socket on 127.0.0.1 drained by its own thread, counting
/// datagrams, bytes and (when asked) the spans in each <c>emitBatch</c>, decoded from the datagram.
/// </summary>
internal sealed class UdpSink : IDisposable
{
    private readonly Socket socket;
    private readonly Thread thread;
    private readonly bool decode;
    private volatile bool stopping;
    private long datagrams;
    private long bytes;
    private long spans;
    private long undecodable;

    public UdpSink(bool decode = false)
    {
        this.decode = decode;
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // As large as the kernel allows (net.core.rmem_max), so a descheduled drain thread loses less.
        try
        {
            socket.ReceiveBufferSize = 32 << 20;
        }
        catch (SocketException)
        {
        }

        socket.ReceiveTimeout = 200;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        thread = new Thread(Run) { IsBackground = true, Name = "UDP sink" };
        thread.Start();
    }

    public int Port { get; }

    public int ReceiveBufferSize => socket.ReceiveBufferSize;

    public long Datagrams => Interlocked.Read(ref datagrams);

    public long Bytes => Interlocked.Read(ref bytes);

    public long Spans => Interlocked.Read(ref spans);

    public long Undecodable => Interlocked.Read(ref undecodable);

    /// <summary>Waits until no datagram arrived for <paramref name="quiet"/> (at most <paramref name="limit"/>).</summary>
    public void WaitQuiet(TimeSpan quiet, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        var last = Datagrams;
        var since = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            Thread.Sleep(20);
            var now = Datagrams;
            if (now != last)
            {
                last = now;
                since.Restart();
            }
            else if (since.Elapsed >= quiet)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        stopping = true;
        thread.Join();
        socket.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[65_536];
        while (!stopping)
        {
            int received;
            try
            {
                received = socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }

            Interlocked.Increment(ref datagrams);
            Interlocked.Add(ref bytes, received);
            if (!decode) continue;
            var count = CompactBatchReader.SpanCount(buffer.AsSpan(0, received));
            if (count < 0) Interlocked.Increment(ref undecodable);
            else Interlocked.Add(ref spans, count);
        }
    }
}
