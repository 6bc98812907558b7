using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Baselines for <c>[TraceContext]</c> carriers and for the decorators of <c>[Traced]</c> interfaces
/// (with <c>AddTracedDecorators</c> when the project references DependencyInjection.Abstractions);
/// the generated code must compile without error or warning.
/// </summary>
public sealed class DecoratorSnapshotTests
{
    public const string Carriers = """
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Instrumentation;

        namespace Demo;

        public sealed class Messages
        {
            [Traced("orders receive", Kind = ActivityKind.Consumer)]
            public int Receive([TraceContext] IReadOnlyDictionary<string, string> headers, [Tag] string body) => body.Length;

            [Traced(Kind = ActivityKind.Server)]
            public Task<int> HandleAsync([TraceContext] IEnumerable<KeyValuePair<string, string>>? headers) => Task.FromResult(1);

            [Traced("orders send", Kind = ActivityKind.Producer)]
            public void Send(string body, [TraceContext] Dictionary<string, string> headers) { }

            [Traced(Kind = ActivityKind.Client)]
            public ValueTask CallAsync([TraceContext] IDictionary<string, string> span) => default;
        }

        public static class Use
        {
            public static async Task Run(Messages m)
            {
                var headers = new Dictionary<string, string>();
                m.Send("hello", headers);
                m.Receive(headers, "hello");
                await m.HandleAsync(headers);
                await m.CallAsync(headers);
            }
        }
        """;

    public const string Decorators = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;
        using Instrumentation;

        namespace Demo;

        public interface IEntity
        {
            string Id { get; }
        }

        [Traced]
        public interface INamed
        {
            string Describe();
        }

        [Traced(Kind = ActivityKind.Client)]
        public interface IStore : INamed, IDisposable
        {
            int Save([Tag] string item);

            Task<string?> LoadAsync(int id);

            ValueTask FlushAsync();

            [Traced("store.find", Kind = ActivityKind.Internal)]
            bool TryFind(string key, [NotNullWhen(true)] out string? value);

            T Echo<T>(T value) where T : notnull;

            [NotTraced]
            void Touch();

            ref int Slot(int index);

            int Count { get; }

            string this[int index] { get; set; }

            event EventHandler? Saved;
        }

        [Traced]
        public interface IRepository<T> where T : class, IEntity
        {
            T? Get(string id);

            IEnumerable<T> All();
        }

        public static class Use
        {
            public static int Run(IStore store) => store.Save("x");
        }
        """;

    [Fact]
    public void Carrier_parameters_start_consumer_and_producer_spans()
    {
        var run = GeneratorHarness.Run("/src/Messages.cs", Carriers);
        Assert.Empty(run.GeneratorDiagnostics);
        Baseline.AssertMatches("Carriers", run.GeneratedText);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Traced_interfaces_get_decorators_and_AddTracedDecorators()
    {
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Store.cs", Decorators)], extraReferences: [di]));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Baseline.AssertMatches("Decorators", run.DecoratorsText);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Decorators_and_AddTracedDecorators_compile_in_a_CSharp_11_project()
    {
        // The README's floor: C# 11. A primary constructor in the registration helper broke such builds (CS9058).
        const string source = """
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IGreeter { string Hello(string name); }

            public sealed class Greeter : IGreeter { public string Hello(string name) => "hi " + name; }
            """;
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var options = new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11)
            .WithFeatures([new(GeneratorHarness.InterceptorsFeature, GeneratorHarness.GeneratedNamespace)]);

        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Greeter.cs", source)], options, extraReferences: [di]));

        Assert.Contains("AddTracedDecorators", run.DecoratorsText, System.StringComparison.Ordinal);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Without_dependency_injection_only_the_decorators_are_generated()
    {
        var run = GeneratorHarness.Run("/src/Store.cs", Decorators);
        Assert.NotNull(run.DecoratorsText);
        Assert.Contains("internal sealed class IStoreTracedDecorator", run.DecoratorsText, System.StringComparison.Ordinal);
        Assert.DoesNotContain("AddTracedDecorators", run.DecoratorsText, System.StringComparison.Ordinal);
        run.AssertCompilesCleanly();
    }
}
