using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Greeter.Client;

namespace Instrumentation.Hosting.Tests;

/// <summary>Runs the greeter client (the README's main job) as a child process reporting to <c>agentPort</c>.</summary>
public static class GreeterRun
{
    public static async Task<(int ExitCode, string Output, int Forwarded)> RunAsync(int agentPort, TimeSpan timeout)
    {
        var dll = typeof(GreeterRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GreeterClientPath").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { dll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("JAEGER_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["JAEGER_AGENT_HOST"] = "127.0.0.1";
        start.Environment["JAEGER_AGENT_PORT"] = agentPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var text = output.ToString();
        var line = text.Split('\n').LastOrDefault(l => l.StartsWith(ClientMessages.Forwarded, StringComparison.Ordinal));
        var forwarded = line is null ? -1 : int.Parse(line.Substring(ClientMessages.Forwarded.Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (process.ExitCode, text, forwarded);
    }
}
