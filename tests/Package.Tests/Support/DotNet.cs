using System;
using System.Diagnostics;
using System.Text;

namespace Instrumentation.Package.Tests.Support;

/// <summary>Runs the <c>dotnet</c> CLI as a new user would (and the programs it builds), and returns what they printed.</summary>
internal static class DotNet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}\n{Output}";
    }

    public static Result Run(string workingDirectory, string arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = workingDirectory };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Assertions read MSBuild's summary ("0 Warning(s)"), which follows the UI language.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // A fresh project must not inherit the test run's MSBuild state.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        return Run(start, timeout ?? TimeSpan.FromMinutes(4));
    }

    /// <summary>Runs <paramref name="start"/> (output redirected here), killing it after <paramref name="timeout"/>.</summary>
    public static Result Run(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {start.Arguments} did not finish in time:\n{output}");
        }

        process.WaitForExit();
        lock (output) return new Result(process.ExitCode, output.ToString());
    }
}
