using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Instrumentation.Diagnostics;

namespace Instrumentation.Senders;

/// <summary>
/// Sends datagrams to a Jaeger agent over a connected UDP socket, so that the ICMP "port
/// unreachable" of a down agent reaches us: the kernel keeps it as the socket's pending error,
/// which <see cref="LastSendRefused"/> reads before the next send (otherwise that send would fail
/// in its place and every other datagram would look delivered). The host is resolved lazily and
/// IPv4 is preferred: <c>localhost</c> must reach an agent bound to 127.0.0.1 only, not <c>::1</c>.
/// A host name is looked up again every 30 seconds, off the sending thread, as jaeger-client-go's
/// reconnecting UDP client does: an agent that moves (a restarted container, a rescheduled pod) is
/// followed to its new address.
/// </summary>
internal sealed class UdpTransport : IPacketTransport
{
    private static readonly long RetryResolveTicks = 5 * Stopwatch.Frequency;
    private static readonly TimeSpan DefaultRecheck = TimeSpan.FromSeconds(30);
    private readonly string host;
    private readonly int port;
    private readonly RateLimitedLog log;
    private readonly Func<string, IPAddress[]> lookUp;
    private readonly long recheckTicks;
    private readonly int maxPacketSize;
    private readonly bool isName;
    private Socket? socket;
    private IPAddress? connectedTo;
    private long nextResolveAttempt;
    private long nextRecheck;
    private Task<IPAddress[]>? recheck;
    private volatile bool disposed;

    public UdpTransport(string host, int port, RateLimitedLog log, int maxPacketSize = 65_000)
        : this(host, port, log, Dns.GetHostAddresses, DefaultRecheck, maxPacketSize)
    {
    }

    /// <param name="host">The agent's host: a name, an IP literal or <c>localhost</c>.</param>
    /// <param name="port">The agent's UDP port.</param>
    /// <param name="log">Where send and resolve errors go.</param>
    /// <param name="lookUp">Resolves a host name (tests give their own).</param>
    /// <param name="recheckEvery">How often a host name is looked up again.</param>
    /// <param name="maxPacketSize">The largest datagram sent: the socket's send buffer is made at least that large.</param>
    internal UdpTransport(string host, int port, RateLimitedLog log, Func<string, IPAddress[]> lookUp, TimeSpan recheckEvery, int maxPacketSize = 65_000)
    {
        this.maxPacketSize = maxPacketSize;
        this.host = host;
        this.port = port;
        this.log = log;
        this.lookUp = lookUp;
        recheckTicks = (long)(recheckEvery.TotalSeconds * Stopwatch.Frequency);
        isName = Literal(host) is null;
    }

    public bool ConfirmsLater => true;

    public bool TrySend(byte[] buffer, int offset, int count)
    {
        if (disposed) return false;
        var connected = socket is { } current ? FollowMovedHost(current) : Connect();
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
            if (e is SocketException { SocketErrorCode: not (SocketError.ConnectionRefused or SocketError.MessageSize) })
            {
                // Anything but a refusal or one datagram too large may be a stale address: resolve again next time.
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
            var address = Resolve(host, lookUp);
            var created = Open(address);
            socket = created;
            connectedTo = address;
            nextRecheck = Stopwatch.GetTimestamp() + recheckTicks;
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

    /// <summary>
    /// A UDP socket connected to the agent, with a send buffer that holds the largest packet: on macOS
    /// and the BSDs a datagram larger than the send buffer (about 9 KB by default there) is refused, so
    /// 65,000-byte packets would all fail, as jaeger-client-go avoids by the same setting.
    /// </summary>
    private Socket Open(IPAddress address)
    {
        var created = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (created.SendBufferSize < maxPacketSize) created.SendBufferSize = maxPacketSize;
        }
        catch (SocketException)
        {
            // Kept as it is where the system refuses: a packet it cannot hold fails alone (MessageSize).
        }

        try
        {
            created.Connect(new IPEndPoint(address, port));
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private static IPAddress Resolve(string host, Func<string, IPAddress[]> lookUp) =>
        Literal(host) ?? Preferred(lookUp(host)) ?? throw new SocketException((int)SocketError.HostNotFound);

    /// <summary>The address a host needs no lookup for: an IP literal, or <c>localhost</c> (127.0.0.1).</summary>
    private static IPAddress? Literal(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return literal;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
    }

    private static IPAddress? Preferred(IPAddress[] addresses) =>
        addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();

    /// <summary>
    /// The socket to send on: <paramref name="current"/>, or a new one when the last look-up of the host
    /// name found another address. Look-ups run on the thread pool, never in the send; one that fails
    /// keeps the address there is.
    /// </summary>
    private Socket FollowMovedHost(Socket current)
    {
        if (!isName) return current;
        if (recheck is null)
        {
            if (Stopwatch.GetTimestamp() < nextRecheck) return current;
            recheck = Task.Run(() => lookUp(host));
            return current;
        }

        if (!recheck.IsCompleted) return current;
        var done = recheck;
        recheck = null;
        nextRecheck = Stopwatch.GetTimestamp() + recheckTicks;
        if (done.IsFaulted) _ = done.Exception; // observed: a failed look-up keeps the address there is
        // Still among the answers (round-robin DNS rotates their order): not moved.
        if (done.Status != TaskStatus.RanToCompletion || done.Result.Contains(connectedTo) || Preferred(done.Result) is not { } address) return current;
        try
        {
            var moved = Open(address);
            socket = moved;
            connectedTo = address;
            current.Dispose();
            if (disposed) moved.Dispose(); // a close that ran meanwhile disposed the old socket only
            log.Info($"the Jaeger agent at {host}:{port} moved to {address}; sending there");
            return moved;
        }
        catch (SocketException e)
        {
            log.Error(e, $"cannot connect to the Jaeger agent's new address {address}:{port}; sending to the old one");
            return current;
        }
    }
}
