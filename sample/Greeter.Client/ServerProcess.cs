using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Greeter.Server;

namespace Greeter.Client;

/// <summary>
/// The greeter server as a child process: started from the dll this build produced, on a free port of
/// 127.0.0.1, reporting spans to <c>agentPort</c>; its output is echoed with a <c>[server]</c> prefix.
/// Stopped by closing its standard input, so its host shuts down gracefully and flushes its spans.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? packetsSent;

    private ServerProcess(Process process) => this.process = process;

    /// <summary>UDP datagrams the server's tracer sent, known once it has exited.</summary>
    public long PacketsSent => packetsSent ?? 0;

    public static async Task<(ServerProcess Server, Uri Address)> StartAsync(string agentHost, int agentPort, TimeSpan timeout)
    {
        var dll = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GreeterServerPath").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { dll, "--port", "0", "--exit-on-stdin-close" },
            WorkingDirectory = Path.GetDirectoryName(dll)!, // content root: its appsettings.json
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JAEGER_AGENT_HOST"] = agentHost;
        start.Environment["JAEGER_AGENT_PORT"] = agentPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("JAEGER_ENDPOINT"); // the relay only hears UDP

        var server = new ServerProcess(new Process { StartInfo = start });
        server.process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server.process.Exited += (_, _) => server.listening.TrySetException(new InvalidOperationException("the greeter server exited before it listened"));
        server.process.EnableRaisingEvents = true;
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();

        var address = await server.listening.Task.WaitAsync(timeout);
        return (server, address);
    }

    /// <summary>Closes the server's input and waits (bounded) for it to flush and exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(timeout);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        Console.WriteLine("[server] " + line);
        if (line.StartsWith(ServerMessages.Listening, StringComparison.Ordinal))
            listening.TrySetResult(new Uri(line.Substring(ServerMessages.Listening.Length).Trim() + "/"));
        else if (line.StartsWith(ServerMessages.PacketsSent, StringComparison.Ordinal))
            packetsSent = long.Parse(line.Substring(ServerMessages.PacketsSent.Length), System.Globalization.CultureInfo.InvariantCulture);
    }
}
