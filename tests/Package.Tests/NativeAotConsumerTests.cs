using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Instrumentation.Package.Tests.Support;
using Xunit;

namespace Instrumentation.Package.Tests;

/// <summary>
/// A native AOT app (trimmed, no JIT) built from the package: the generated interceptors and the
/// runtime must publish without trim or AOT warnings and trace as they do under the JIT.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class NativeAotConsumerTests(PackedFeed feed)
{
    [Fact]
    public void Native_AOT_app_publishes_without_trim_or_AOT_warnings_and_reports_its_spans()
    {
        using var project = ConsumerProject.Create(feed);
        var dir = project.Write("Aot", new Dictionary<string, string>
        {
            ["Aot.csproj"] = ProjectFiles.Console(feed.Version, extraProperties: """
                <PublishAot>true</PublishAot>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <TrimmerSingleWarn>false</TrimmerSingleWarn>
                """),
            ["Program.cs"] = "using System.Diagnostics;\nusing Microsoft.Extensions.Primitives;\n" + ProjectFiles.TracerStart + """

                var greeter = new Greeter();
                Console.WriteLine(greeter.Hello("aot"));
                Console.WriteLine(await greeter.CountAsync("async"));

                // As ASP.NET Core does: its request headers (string -> StringValues) straight to the propagator.
                var headers = new Dictionary<string, StringValues> { ["uber-trace-id"] = "1:2:0:1", ["uberctx-tenant"] = "acme" };
                var baggage = DistributedContextPropagator.Current.ExtractBaggage(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
                {
                    values = null;
                    value = ((Dictionary<string, StringValues>)carrier!).TryGetValue(name, out var found) ? found.ToString() : null;
                });
                Console.WriteLine("baggage: " + string.Join(",", (baggage ?? []).Select(b => $"{b.Key}={b.Value}")));

                public class Greeter
                {
                    [Traced] public string Hello(string name) => Format(name);
                    [Traced] private string Format(string name)
                    {
                        using (Tracing.Block("compose"))
                            return $"Hello {name}";
                    }
                    [Traced] public async Task<int> CountAsync(string text) { await Task.Delay(5); return text.Length; }
                }
                """,
        });

        var publish = DotNet.Run(dir, $"publish -c Release -r {RuntimeInformation.RuntimeIdentifier} -o out", TimeSpan.FromMinutes(8));

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        var executable = Path.Combine(dir, "out", "Aot");
        Assert.False(File.Exists(Path.Combine(dir, "out", "Aot.dll")), "a native AOT publish has no IL to JIT");
        var run = DotNet.Run(new ProcessStartInfo(executable), TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Hello aot", run.Output);
        Assert.Contains("baggage: tenant=acme", run.Output);
        var spans = SpanLine.Parse(run.Output);
        var hello = Assert.Single(spans, s => s.Operation == "Greeter.Hello");
        var format = Assert.Single(spans, s => s.Operation == "Greeter.Format");
        var compose = Assert.Single(spans, s => s.Operation == "compose");
        Assert.Single(spans, s => s.Operation == "Greeter.CountAsync");
        Assert.Equal(hello.SpanId, format.ParentId);
        Assert.Equal(format.SpanId, compose.ParentId);
        Assert.Equal(hello.TraceId, compose.TraceId);
    }
}
