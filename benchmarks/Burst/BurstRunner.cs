using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Instrumentation.Benchmarks.Infrastructure;

namespace Instrumentation.Benchmarks.Burst;

/// <summary>
/// <c>burst [runs]</c>: 1,000,000 spans from 2 threads, once per contender per run, each contender
/// in a child process (this executable with <c>burst-child</c>). The sinks live here, in the parent,
/// so their CPU is not charged to a contender: a UDP socket that decodes every datagram's span
/// count (ours) and an HTTP sink that discards OTLP bodies (OpenTelemetry).
/// </summary>
internal static class BurstRunner
{
    public const int Spans = 1_000_000;
    public const int Threads = 2;

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        var results = new List<Result>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var contender in new[] { "ours", "otel" })
            {
                var result = contender == "ours" ? RunOurs() : RunOpenTelemetry();
                results.Add(result);
                Console.WriteLine($"run {run} {result.Line}");
                Console.WriteLine($"      {result.Detail}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Burst: {Spans:N0} spans from {Threads} threads, {Environment.ProcessorCount} cores, {runs} run(s), medians");
        Console.WriteLine();
        Console.WriteLine("| Contender | Lost (contender's count) | Lost (at receiver) | CPU s | CPU vs OTel | CPU µs per delivered span | Produce ms | Flush ms | GCs (0/1/2), last run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var otelCpu = Statistics.Median(results.Where(r => r.Contender == "otel").Select(r => r.CpuMs));
        foreach (var group in results.GroupBy(r => r.Contender))
        {
            var cpu = Statistics.Median(group.Select(r => r.CpuMs));
            var last = group.Last();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(group.Key == "ours" ? "Ours (UDP compact)" : "OpenTelemetry (Batch + OTLP HttpProtobuf)")} " +
                $"| {Statistics.Median(group.Select(r => r.LostPercent)):0.00}% " +
                $"| {(group.Key == "ours" ? Statistics.Median(group.Select(r => r.ReceiverLostPercent)).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a")} " +
                $"| {cpu / 1000:0.00} | {cpu / otelCpu:0.00} | {Statistics.Median(group.Select(r => r.CpuMs * 1000 / Math.Max(1, r.Delivered))):0.00} " +
                $"| {Statistics.Median(group.Select(r => r.ProduceMs)):0} | {Statistics.Median(group.Select(r => r.FlushMs)):0} | {last.Gcs} |"));
        }

        return 0;
    }

    private static Result RunOurs()
    {
        using var agent = new UdpSink(decode: true);
        var values = RunChild("ours", agent.Port);
        agent.WaitQuiet(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
        var result = Result.From(values);
        result.ReceiverLostPercent = 100.0 * (Spans - agent.Spans) / Spans;
        result.Detail += $"; receiver (SO_RCVBUF {agent.ReceiveBufferSize}): {agent.Datagrams} datagrams, {agent.Spans} spans, {agent.Bytes} bytes, {agent.Undecodable} undecodable";
        return result;
    }

    private static Result RunOpenTelemetry()
    {
        using var collector = new HttpSink();
        var values = RunChild("otel", collector.Port);
        var result = Result.From(values);
        result.Detail += $"; sink: {collector.Requests} requests, {collector.BodyBytes} body bytes";
        return result;
    }

    private static Dictionary<string, string> RunChild(string contender, int port)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under `dotnet Instrumentation.Benchmarks.dll` the process is the dotnet host: pass the app.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in new[] { "burst-child", contender, port.ToString(CultureInfo.InvariantCulture), Spans.ToString(CultureInfo.InvariantCulture), Threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"burst child '{contender}' exited with {child.ExitCode}:\n{output}");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                foreach (var pair in line.Substring(7).Trim().Split(' '))
                {
                    var eq = pair.IndexOf('=');
                    values[pair.Substring(0, eq)] = pair.Substring(eq + 1);
                }
            }
            else if (line.StartsWith("DETAIL ", StringComparison.Ordinal))
            {
                values["detail"] = line.Substring(7).Trim();
            }
        }

        if (!values.ContainsKey("cpuMs")) throw new InvalidOperationException($"burst child '{contender}' printed no result:\n{output}");
        return values;
    }

    private sealed class Result
    {
        public string Contender { get; private init; } = "";
        public double CpuMs { get; private init; }
        public double ProduceMs { get; private init; }
        public double FlushMs { get; private init; }
        public double LostPercent { get; private init; }
        public double Delivered { get; private init; }
        public double ReceiverLostPercent { get; set; } = double.NaN;
        public string Gcs { get; private init; } = "";
        public string Line { get; private init; } = "";
        public string Detail { get; set; } = "";

        public static Result From(Dictionary<string, string> v)
        {
            double D(string key) => double.Parse(v[key], CultureInfo.InvariantCulture);
            return new Result
            {
                Contender = v["contender"],
                CpuMs = D("cpuMs"),
                ProduceMs = D("produceMs"),
                FlushMs = D("flushMs"),
                LostPercent = 100.0 * (D("spans") - D("delivered")) / D("spans"),
                Delivered = D("delivered"),
                Gcs = $"{v["gen0"]}/{v["gen1"]}/{v["gen2"]}",
                Line = string.Join(' ', v.Where(p => p.Key != "detail").Select(p => $"{p.Key}={p.Value}")),
                Detail = v.TryGetValue("detail", out var d) ? d : "",
            };
        }
    }
}
