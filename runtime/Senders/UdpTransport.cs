using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Instrumentation.Diagnostics;

namespace Instrumentation.Senders;

/// <summary>
/// Sends datagrams to a Jaeger agent over a connected UDP socket, so that the ICMP "port
/// unreachable" of a down agent reaches us: the kernel keeps it as the socket's pending error,
/// which <see cref="LastSendRefused"/> reads before the next send (otherwise that send would fail
/// in its place and every other datagram would look delivered). The host is resolved lazily and
/// IPv4 is preferred: <c>localhost</c> must reach an agent bound to 127.0.0.1 only, not <c>::1</c>.
/// </summary>
internal sealed class UdpTransport(string host, int port, RateLimitedLog log) : IPacketTransport
{
    private static readonly long RetryResolveTicks = 5 * Stopwatch.Frequency;
    private Socket? socket;
    private long nextResolveAttempt;
    private volatile bool disposed;

    public bool ConfirmsLater => true;

    public bool TrySend(byte[] buffer, int offset, int count)
    {
        if (disposed) return false;
        var connected = socket ?? Connect();
        if (connected is null) return false;
        try
        {
            connected.Send(buffer, offset, count, SocketFlags.None);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (disposed) return false; // the tracer closed while this send was under way
            log.Error(e, $"sending a {count}-byte UDP packet to {host}:{port} failed");
            if (e is SocketException { SocketErrorCode: not SocketError.ConnectionRefused })
            {
                // Anything but a refusal may be a stale address: resolve again next time.
                socket?.Dispose();
                socket = null;
            }

            return false;
        }
    }

    public bool LastSendRefused()
    {
        var connected = socket;
        if (connected is null || disposed) return false;
        try
        {
            var error = connected.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
            if (error is not int code || code == 0) return false;
            log.Error(new SocketException(code), $"the Jaeger agent at {host}:{port} refused a UDP packet (is it running?)");
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        disposed = true;
        socket?.Dispose();
    }

    private Socket? Connect()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < nextResolveAttempt) return null;
        nextResolveAttempt = now + RetryResolveTicks;
        try
        {
            var address = Resolve(host);
            var created = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            created.Connect(new IPEndPoint(address, port));
            socket = created;
            // Resolving can take long: a close that gave up meanwhile must not see a datagram leave.
            if (disposed)
            {
                created.Dispose();
                return null;
            }

            return created;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            log.Error(e, $"cannot resolve or connect to the Jaeger agent at {host}:{port}; spans are dropped until it resolves");
            return null;
        }
    }

    internal static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return literal;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }
}
