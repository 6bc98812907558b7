using System.Net;
using System.Net.Sockets;

namespace Instrumentation.Runtime.Tests.Support;

/// <summary>Starts an <see cref="HttpListener"/> on a free port of 127.0.0.1.</summary>
public static class LoopbackListener
{
    /// <summary>Starts <paramref name="listener"/>; returns its port.</summary>
    public static int Start(HttpListener listener)
    {
        // HttpListener needs a concrete port: take a free one from the OS and retry on a race.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return port;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }
}
