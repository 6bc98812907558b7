using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// A stand-in OTLP/HTTP collector on 127.0.0.1: a minimal HTTP/1.1 server (keep-alive,
/// Content-Length or chunked bodies) that reads and discards every request body and answers
/// <c>200 OK</c> with an empty body (an empty <c>ExportTraceServiceResponse</c>). One thread per
/// connection; the OTLP exporter keeps one connection open.
/// </summary>
internal sealed class HttpSink : IDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n");

    private readonly TcpListener listener;
    private readonly Thread acceptThread;
    private readonly List<TcpClient> clients = new();
    private long requests;
    private long bodyBytes;
    private volatile bool stopping;

    public HttpSink()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptThread = new Thread(Accept) { IsBackground = true, Name = "HTTP sink accept" };
        acceptThread.Start();
    }

    public int Port { get; }

    /// <summary>The OTLP/HTTP traces URL of this sink.</summary>
    public Uri TracesEndpoint => new($"http://127.0.0.1:{Port}/v1/traces");

    public long Requests => Interlocked.Read(ref requests);

    public long BodyBytes => Interlocked.Read(ref bodyBytes);

    public void Dispose()
    {
        stopping = true;
        listener.Stop();
        acceptThread.Join();
        lock (clients)
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private void Accept()
    {
        while (!stopping)
        {
            TcpClient client;
            try
            {
                client = listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            lock (clients) clients.Add(client);
            new Thread(() => Serve(client)) { IsBackground = true, Name = "HTTP sink connection" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        try
        {
            using var network = client.GetStream();
            using var input = new BufferedStream(network, 64 * 1024);
            var scratch = new byte[64 * 1024];
            var line = new StringBuilder();
            while (!stopping)
            {
                // Request line; a clean close between requests ends the connection.
                if (ReadLine(input, line) is not { } requestLine) return;
                if (requestLine.Length == 0) continue;

                long contentLength = 0;
                var chunked = false;
                while (ReadLine(input, line) is { Length: > 0 } header)
                {
                    var colon = header.IndexOf(':');
                    if (colon < 0) continue;
                    var name = header.AsSpan(0, colon).Trim();
                    var value = header.AsSpan(colon + 1).Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        contentLength = long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                    }
                    else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) &&
                             value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                    {
                        chunked = true;
                    }
                }

                long body = 0;
                if (chunked)
                {
                    while (true)
                    {
                        var sizeLine = ReadLine(input, line) ?? throw new EndOfStreamException();
                        var semicolon = sizeLine.IndexOf(';');
                        var size = long.Parse(semicolon < 0 ? sizeLine : sizeLine.Substring(0, semicolon), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        if (size == 0)
                        {
                            while (ReadLine(input, line) is { Length: > 0 })
                            {
                                // trailers
                            }

                            break;
                        }

                        Discard(input, size, scratch);
                        body += size;
                        ReadLine(input, line); // CRLF after the chunk
                    }
                }
                else
                {
                    Discard(input, contentLength, scratch);
                    body = contentLength;
                }

                Interlocked.Increment(ref requests);
                Interlocked.Add(ref bodyBytes, body);
                network.Write(Ok);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or FormatException or EndOfStreamException)
        {
            // Connection closed or garbage: the client will reconnect.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static void Discard(Stream input, long count, byte[] scratch)
    {
        while (count > 0)
        {
            var read = input.Read(scratch, 0, (int)Math.Min(scratch.Length, count));
            if (read == 0) throw new EndOfStreamException();
            count -= read;
        }
    }

    private static string? ReadLine(Stream input, StringBuilder line)
    {
        line.Clear();
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0) return line.Length == 0 ? null : throw new EndOfStreamException();
            if (b == '\n') break;
            if (b != '\r') line.Append((char)b);
        }

        return line.ToString();
    }
}
