using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Greeter.Client;

/// <summary>
/// A tiny stand-in agent on 127.0.0.1 (free port) that both processes report to. Every datagram is
/// kept (decoded later for the waterfall) and forwarded unchanged to the real agent, so a Jaeger
/// listening there shows the same trace. Forwarding failures (nothing listening) are only counted.
/// </summary>
public sealed class SpanRelay : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint? agent;
    private readonly List<byte[]> datagrams = new();
    private readonly Thread receiver;
    private int forwarded;

    public SpanRelay(string agentHost, int agentPort)
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        agent = Resolve(agentHost, agentPort);
        receiver = new Thread(Receive) { IsBackground = true, Name = "span relay" };
        receiver.Start();
    }

    public int Port { get; }

    /// <summary>Datagrams sent on to the agent without a socket error.</summary>
    public int Forwarded => Volatile.Read(ref forwarded);

    public int Received
    {
        get { lock (datagrams) return datagrams.Count; }
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> datagrams arrived; true if they did.</summary>
    public bool WaitForDatagrams(long count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Received < count)
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(5);
        }

        return true;
    }

    public async Task<List<ReceivedSpan>> DecodeAllAsync()
    {
        byte[][] copy;
        lock (datagrams) copy = datagrams.ToArray();
        var spans = new List<ReceivedSpan>();
        foreach (var datagram in copy) spans.AddRange(await JaegerDatagram.DecodeAsync(datagram));
        return spans;
    }

    public void Dispose() => socket.Dispose();

    // localhost resolves to ::1 and 127.0.0.1; an agent bound to IPv4 is the common case.
    private static IPEndPoint? Resolve(string host, int port)
    {
        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return address is null ? null : new IPEndPoint(address, port);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private void Receive()
    {
        var buffer = new byte[65_536];
        using var forward = agent is null ? null : new Socket(agent.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        while (true)
        {
            int length;
            try
            {
                length = socket.Receive(buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // disposed
            }

            var datagram = buffer.AsSpan(0, length).ToArray();
            try
            {
                if (forward is not null && forward.SendTo(datagram, agent!) == length) Interlocked.Increment(ref forwarded);
            }
            catch (SocketException)
            {
                // no agent there: the waterfall still works
            }

            lock (datagrams) datagrams.Add(datagram);
        }
    }
}
