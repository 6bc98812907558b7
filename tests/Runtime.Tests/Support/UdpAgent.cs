using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Thrift;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Transport.Client;
using Xunit;
using ThriftDecoding;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>
/// A stand-in Jaeger agent: a real UDP socket on 127.0.0.1 (ephemeral port) that keeps every
/// datagram, and decodes them with ApacheThrift's <see cref="TCompactProtocol"/>.
/// </summary>
public sealed class UdpAgent : IDisposable
{
    private readonly Socket socket;
    private readonly List<byte[]> datagrams = new();
    private readonly Thread receiver;

    public UdpAgent(IPAddress? bindTo = null)
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 64 * 1024 * 1024;
        ForceReceiveBuffer(socket, 64 * 1024 * 1024);
        socket.Bind(new IPEndPoint(bindTo ?? IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        receiver = new Thread(Receive) { IsBackground = true };
        receiver.Start();
    }

    public int Port { get; }

    /// <summary>
    /// Bytes of datagrams the kernel holds for this agent while its thread is not scheduled. Linux caps
    /// the 64 MB asked for at net.core.rmem_max (twice 208 KB by default) unless the process may force it.
    /// A sender outrunning a starved receiver beyond this loses datagrams: tests that must see every
    /// packet keep what they send within it.
    /// </summary>
    public int ReceiveBufferBytes => socket.ReceiveBufferSize;

    /// <summary>SO_RCVBUFFORCE: past net.core.rmem_max where the process has CAP_NET_ADMIN (root in most CI containers); otherwise a no-op.</summary>
    private static void ForceReceiveBuffer(Socket socket, int bytes)
    {
        if (!OperatingSystem.IsLinux() || socket.ReceiveBufferSize >= bytes) return;
        try
        {
            const int SolSocket = 1, SoRcvBufForce = 33;
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            // Not permitted: keep the capped buffer.
        }
    }

    public IReadOnlyList<byte[]> Datagrams
    {
        get
        {
            lock (datagrams) return datagrams.ToList();
        }
    }

    /// <summary>A configuration that sends to this agent, listening to <paramref name="source"/>.</summary>
    public TracerConfiguration Configure(string serviceName, string source)
    {
        var config = new TracerConfiguration(serviceName);
        config.Sender.AgentHost = "127.0.0.1";
        config.Sender.AgentPort = Port;
        config.Sources.Add(source);
        return config;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> spans arrived, then decodes every datagram.</summary>
    public List<JaegerBatch> WaitForSpans(int count, int timeoutMs = 10_000)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var batches = Datagrams.Select(Decode).ToList();
            var spans = batches.Sum(b => b.Spans.Count);
            if (spans >= count || clock.ElapsedMilliseconds > timeoutMs) return batches;
            Thread.Sleep(10);
        }
    }

    public static JaegerBatch Decode(byte[] datagram) => DecodeAsync(datagram).GetAwaiter().GetResult();

    private static async Task<JaegerBatch> DecodeAsync(byte[] datagram)
    {
        using var transport = new TMemoryBufferTransport(datagram, new TConfiguration());
        using var protocol = new TCompactProtocol(transport);
        var message = await protocol.ReadMessageBeginAsync(CancellationToken.None);
        Assert.Equal("emitBatch", message.Name);
        Assert.Equal(TMessageType.Oneway, message.Type);
        var args = await ThriftTree.ReadStructAsync(protocol);
        await protocol.ReadMessageEndAsync(CancellationToken.None);
        return JaegerBatch.From((Dictionary<short, object>)args[1]);
    }

    public void Dispose() => socket.Dispose();

    private void Receive()
    {
        var buffer = new byte[70_000];
        while (true)
        {
            int received;
            try
            {
                received = socket.Receive(buffer);
            }
            catch (Exception)
            {
                return; // disposed
            }

            lock (datagrams) datagrams.Add(buffer.AsSpan(0, received).ToArray());
        }
    }
}
