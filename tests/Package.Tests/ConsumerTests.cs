using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Instrumentation.Package.Tests.Support;
using Xunit;

namespace Instrumentation.Package.Tests;

/// <summary>Fresh projects restored from the packed feed plus nuget.org, built and run with the dotnet CLI.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ConsumerTests(PackedFeed feed)
{
    [Fact]
    public void Console_app_with_Traced_methods_builds_runs_and_reports_its_spans()
    {
        // The README's install section, literally: a new console app, `dotnet add package`, [Traced], run.
        using var project = ConsumerProject.Create(feed);
        var created = DotNet.Run(project.Root, "new console -o App --framework net10.0");
        Assert.True(created.ExitCode == 0, created.ToString());
        var dir = Path.Combine(project.Root, "App");
        var added = DotNet.Run(dir, $"add package Instrumentation --version {feed.Version}");
        Assert.True(added.ExitCode == 0, added.ToString());
        project.Write("App", new Dictionary<string, string>
        {
            ["Program.cs"] = ProjectFiles.TracerStart + """

                var greeter = new Greeter();
                Console.WriteLine(greeter.Hello("nuget"));
                Console.WriteLine(await greeter.CountAsync("async"));

                public class Greeter
                {
                    [Traced] public string Hello(string name) => Format(name);
                    [Traced] internal string Format(string name) => $"Hello {name}";
                    [Traced] public async Task<int> CountAsync(string text) { await Task.Delay(5); return text.Length; }
                }
                """,
        });

        var run = DotNet.Run(dir, "run -c Release");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Hello nuget", run.Output);
        var spans = SpanLine.Parse(run.Output);
        var hello = Assert.Single(spans, s => s.Operation == "Greeter.Hello");
        var format = Assert.Single(spans, s => s.Operation == "Greeter.Format");
        Assert.Single(spans, s => s.Operation == "Greeter.CountAsync");
        Assert.Equal(hello.TraceId, format.TraceId);
        Assert.Equal(hello.SpanId, format.ParentId);
    }

    [Fact]
    public void Strong_named_netstandard_library_with_warnings_as_errors_and_overwritten_InterceptorsNamespaces_builds_clean()
    {
        using var project = ConsumerProject.Create(feed);
        var dir = project.Write("Lib", new Dictionary<string, string>
        {
            // PolySharp, as MoreLINQ uses it: its nullable and trimming attributes are added by a source generator, so
            // ours sees them unbound (or bound to DiagnosticSource's inaccessible copy) and must still copy them with
            // their arguments onto the interceptors (else CS7036).
            ["Lib.csproj"] = ProjectFiles.Library(feed.Version, "netstandard2.0", """
                <LangVersion>latest</LangVersion>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <SignAssembly>true</SignAssembly>
                <AssemblyOriginatorKeyFile>Lib.snk</AssemblyOriginatorKeyFile>
                <InterceptorsNamespaces>Other</InterceptorsNamespaces>
                <PolySharpIncludeGeneratedTypes>System.Diagnostics.CodeAnalysis.RequiresUnreferencedCodeAttribute;System.Diagnostics.CodeAnalysis.MaybeNullWhenAttribute;System.Diagnostics.CodeAnalysis.NotNullWhenAttribute;System.Diagnostics.CodeAnalysis.DoesNotReturnIfAttribute</PolySharpIncludeGeneratedTypes>
                """, """
                <PackageReference Include="PolySharp" Version="1.15.0" PrivateAssets="all" />
                """),
            ["Polyfilled.cs"] = """
                using System.Diagnostics.CodeAnalysis;

                namespace Lib;

                /// <summary>Uses attributes PolySharp adds.</summary>
                public static class Polyfilled
                {
                    /// <summary>Finds a value.</summary>
                    [Instrumentation.Traced]
                    public static bool TryFind(string key, [MaybeNullWhen(false)] out string value, [NotNullWhen(true)] string? hint = null)
                    {
                        value = hint ?? key;
                        return true;
                    }

                    /// <summary>Throws when false.</summary>
                    [Instrumentation.Traced]
                    public static void Check([DoesNotReturnIf(false)] bool condition, string? message = null)
                    {
                        if (!condition) throw new System.ArgumentException(message);
                    }

                    private const string Reflects = "Reflects over";

                    /// <summary>Reflects.</summary>
                    [Instrumentation.Traced]
                    [RequiresUnreferencedCode(Reflects + " members")]
                    public static int Count(object value) => value.GetType().GetMembers().Length;

                    /// <summary>Calls them.</summary>
                    [RequiresUnreferencedCode("Calls Count")]
                    public static int Use() => TryFind("k", out var v, nameof(Use)) ? v.Length + Count(v) : 0;

                    /// <summary>Checks.</summary>
                    public static void Guard(bool ok) => Check(ok, "not ok");
                }
                """,
            // An async iterator: its interceptor needs TraceEnumeration for IAsyncEnumerable in the
            // netstandard2.0 runtime too (CS0411 when it existed only in the net8.0 one).
            ["Streams.cs"] = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                namespace Lib;

                /// <summary>Streams numbers.</summary>
                public static class Streams
                {
                    /// <summary>Counts.</summary>
                    [Instrumentation.Traced]
                    public static async IAsyncEnumerable<int> CountAsync(int count)
                    {
                        for (var i = 0; i < count; i++)
                        {
                            await Task.Yield();
                            yield return i;
                        }
                    }

                    /// <summary>Sums.</summary>
                    public static async Task<int> SumAsync()
                    {
                        var sum = 0;
                        await foreach (var i in CountAsync(3)) sum += i;
                        return sum;
                    }
                }
                """,
            ["Greeter.cs"] = """
                namespace Lib;

                /// <summary>Greets people.</summary>
                public sealed class Greeter
                {
                    /// <summary>Says hello.</summary>
                    [Instrumentation.Traced]
                    public string Hello(string name) => "Hello " + name;

                    /// <summary>Says hello twice.</summary>
                    public string Twice(string name) => Hello(name) + Hello(name);
                }
                """,
        });
        using (var rsa = new RSACryptoServiceProvider(1024)) File.WriteAllBytes(Path.Combine(dir, "Lib.snk"), rsa.ExportCspBlob(true));

        var build = DotNet.Run(dir, "build -c Release");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        var assembly = Path.Combine(dir, "bin", "Release", "netstandard2.0", "Lib.dll");
        Assert.Contains("Instrumentation.Generated", TypeNamespaces(assembly));
    }

    [Fact]
    public void App_calling_Traced_methods_of_a_library_traces_the_calls_it_makes()
    {
        using var project = ConsumerProject.Create(feed);
        project.Write("LibA", new Dictionary<string, string>
        {
            ["LibA.csproj"] = ProjectFiles.Library(feed.Version, "net10.0"),
            ["Greeter.cs"] = """
                namespace LibA;

                [Instrumentation.Traced]
                public sealed class Greeter
                {
                    public string Hello(string name) => "Hello " + name;
                }
                """,
        });
        var app = project.Write("AppB", new Dictionary<string, string>
        {
            ["AppB.csproj"] = ProjectFiles.Console(feed.Version, extraItems: """<ProjectReference Include="../LibA/LibA.csproj" />"""),
            ["Program.cs"] = ProjectFiles.TracerStart + """

                Console.WriteLine(new LibA.Greeter().Hello("from B"));
                """,
        });

        var run = DotNet.Run(app, "run -c Release");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Hello from B", run.Output);
        Assert.Single(SpanLine.Parse(run.Output), s => s.Operation == "Greeter.Hello");
    }

    [Fact]
    public void Project_whose_language_version_cannot_host_the_generated_code_builds_and_says_why()
    {
        using var project = ConsumerProject.Create(feed);
        var dir = project.Write("Old", new Dictionary<string, string>
        {
            ["Old.csproj"] = ProjectFiles.Console(feed.Version, extraProperties: "<LangVersion>10</LangVersion>"),
            ["Program.cs"] = """
                using Instrumentation;

                System.Console.WriteLine(new Greeter().Hello("old"));

                public class Greeter
                {
                    [Traced] public string Hello(string name) => "Hello " + name;
                }
                """,
        });

        var build = DotNet.Run(dir, "build -c Release");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning TRC008", build.Output);
        Assert.Contains("C# 10.0 is too old for the generated code", build.Output);
    }

    [Fact]
    public void Web_app_with_only_the_AspNetCore_package_gets_route_named_server_spans_with_Traced_children()
    {
        // One package reference: Hosting, the runtime and the generator come with it.
        using var project = ConsumerProject.Create(feed);
        var dir = project.Write("Web", new Dictionary<string, string>
        {
            ["Web.csproj"] = $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Instrumentation.AspNetCore" Version="{feed.Version}" />
                  </ItemGroup>
                </Project>
                """,
            ["Program.cs"] = """
                using Instrumentation;

                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddJaegerTracing(configure: c => c.Reporter.LogSpans = true);
                builder.Services.AddJaegerServerSpans();
                await using var app = builder.Build();
                app.MapGet("/greet/{name}", (string name) => new Greeter().Hello(name));
                await app.StartAsync();
                using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
                    Console.WriteLine(await http.GetStringAsync("/greet/web"));
                await app.StopAsync();

                public class Greeter
                {
                    [Traced] public string Hello(string name) => "Hello " + name;
                }
                """,
        });

        var run = DotNet.Run(dir, "run -c Release");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Hello web", run.Output);
        var spans = SpanLine.Parse(run.Output);
        var server = Assert.Single(spans, s => s.Operation == "GET /greet/{name}");
        var hello = Assert.Single(spans, s => s.Operation == "Greeter.Hello");
        Assert.Equal(server.SpanId, hello.ParentId);
        Assert.Equal(server.TraceId, hello.TraceId);
    }

    private static IReadOnlyList<string> TypeNamespaces(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Namespace)).Distinct().ToList();
    }
}
