using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// The generated text for representative inputs, compared exactly with Baselines/&lt;Name&gt;.g.cs.txt
/// (regenerate with <c>UPDATE_BASELINES=1 dotnet test tests/Generator.Tests</c>), and the compilation
/// with the generated code must have no error or warning and emit.
/// </summary>
public sealed class SnapshotTests
{
    public const string Shapes = """
        using System.Diagnostics;
        using Instrumentation;

        namespace Demo;

        public static class Geometry
        {
            [Traced]
            public static double Area(double width, double height) => width * height;

            [Traced("geometry.scale", Kind = ActivityKind.Client)]
            public static void Scale(ref double value, out double previous, params double[] factors)
            {
                previous = value;
                foreach (var f in factors) value *= f;
            }
        }

        public class Counter
        {
            public int Value { get; private set; }

            [Traced]
            public int Increment(int by = 1) => Value += by;
        }

        public struct Point
        {
            public int X;

            [Traced]
            public void Move(int dx) => X += dx;

            [Traced]
            public readonly int Length() => System.Math.Abs(X);
        }

        public readonly struct Size(int width)
        {
            [Traced]
            public int Double() => width * 2;
        }

        public static class Use
        {
            public static double Run()
            {
                var counter = new Counter();
                counter.Increment();
                counter.Increment(by: 2);
                var p = new Point();
                p.Move(3);
                var v = 2.0;
                Geometry.Scale(ref v, out var before, 2, 3);
                return Geometry.Area(p.Length(), new Size(4).Double()) + before;
            }
        }
        """;

    public const string Async = """
        using System;
        using System.Threading.Tasks;
        using Instrumentation;

        namespace Demo;

        public enum Region { North, South }

        public class Orders
        {
            [Traced]
            public Task SaveAsync([Tag] int id, [Tag("order.region")] Region region) => Task.CompletedTask;

            [Traced]
            [return: Tag("order.total")]
            public async Task<decimal> TotalAsync([Tag] Guid customer, string? note)
            {
                await Task.Yield();
                return 42m;
            }

            [Traced]
            public ValueTask FlushAsync() => default;

            [Traced]
            [return: Tag]
            public ValueTask<int> CountAsync([Tag(UseToString = true)] Uri source, [Tag(UseToString = true)] DateTime since, [Tag(UseToString = true)] Uri? fallback) => new(source.Host.Length);

            [Traced]
            [return: Tag]
            public string Describe([Tag] string? name) => name ?? "none";
        }

        public static class Use
        {
            public static async Task<decimal> Run(Orders orders)
            {
                await orders.SaveAsync(1, Region.South);
                await orders.FlushAsync();
                var count = await orders.CountAsync(new Uri("http://example.org"), DateTime.MinValue, null);
                return await orders.TotalAsync(Guid.Empty, orders.Describe(null)) + count;
            }
        }
        """;

    public const string Generics = """
        using System;
        using System.Collections.Generic;
        using Instrumentation;

        namespace Demo;

        public interface IEntity { int Id { get; } }

        public sealed class User : IEntity { public int Id => 1; }

        public class Repository<TEntity> where TEntity : class, IEntity, new()
        {
            public class Query<TKey> where TKey : notnull
            {
                [Traced]
                public TResult? Find<TResult>(TKey key, IEnumerable<TEntity> source)
                    where TResult : struct, IComparable<TResult>
                    => default;
            }

            [Traced]
            public TEntity Create() => new();

            [Traced]
            public static List<T> Wrap<T>(T item) where T : unmanaged => [item];
        }

        public static class Use
        {
            public static int Run()
            {
                var repo = new Repository<User>();
                var user = repo.Create();
                var found = new Repository<User>.Query<string>().Find<int>("a", [user]);
                return Repository<User>.Wrap(3).Count + (found ?? 0);
            }
        }
        """;

    public const string InterfacesAndExtensions = """
        using Instrumentation;

        namespace Demo;

        public interface IGreeter
        {
            [Traced]
            string Greet(string name);
        }

        public sealed class Greeter : IGreeter
        {
            public string Greet(string name) => "hello " + name;
        }

        [Traced]
        public abstract class Animal
        {
            public abstract string Sound();

            [NotTraced]
            public string Quiet() => "...";

            public override string ToString() => Sound();
        }

        public sealed class Dog : Animal
        {
            public override string Sound() => "woof";
        }

        public static class TextExtensions
        {
            [Traced]
            public static string Shout(this string text, int times = 1) => text.ToUpperInvariant() + new string('!', times);
        }

        public static class Use
        {
            public static string Run(IGreeter greeter, Animal animal)
            {
                var dog = new Dog();
                return greeter.Greet("a") + new Greeter().Greet("b") + animal.Sound() + dog.Sound() + dog.Quiet() + dog
                    + "x".Shout() + TextExtensions.Shout("y", 2);
            }
        }
        """;

    public const string Iterators = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Instrumentation;

        namespace Demo;

        public static class Numbers
        {
            [Traced]
            public static IEnumerable<int> Range([Tag] int count)
            {
                for (var i = 0; i < count; i++) yield return i;
            }

            [Traced]
            public static async IAsyncEnumerable<int> RangeAsync([Tag("batch.size")] int count, [Tag(UseToString = true)] System.Uri? from = null)
            {
                for (var i = 0; i < count; i++)
                {
                    await Task.Yield();
                    yield return i;
                }
            }

            [Traced]
            public static IEnumerable<int> Materialized(int count) => new List<int>(Range(count));
        }

        public static class Use
        {
            public static async Task<int> Run()
            {
                var total = 0;
                foreach (var i in Numbers.Range(3)) total += i;
                await foreach (var i in Numbers.RangeAsync(3, new System.Uri("http://example.org"))) total += i;
                foreach (var i in Numbers.Materialized(2)) total += i;
                return total;
            }
        }
        """;

    public const string Blocks = """
        using System;
        using Instrumentation;

        namespace Demo;

        public sealed class Importer
        {
            static Importer()
            {
                using var span = Tracing.Block();
            }

            public Importer()
            {
                using var span = Tracing.Block();
            }

            public int Count
            {
                get
                {
                    using var span = Tracing.Block("count");
                    return 0;
                }
            }

            public int Import(string[] lines)
            {
                using (Tracing.Block("import.parse"))
                {
                    Func<int> count = () =>
                    {
                        using var inner = Tracing.Block();
                        return lines.Length;
                    };
                    return count() + Local();
                }

                int Local()
                {
                    using var local = Tracing.Block(name: null);
                    return 1;
                }
            }
        }
        """;

    [Fact]
    public void Static_instance_and_struct_methods() => Verify("Shapes", "/src/Shapes.cs", Shapes);

    [Fact]
    public void Async_methods_with_tags() => Verify("Async", "/src/Orders.cs", Async);

    [Fact]
    public void Generic_method_of_nested_generic_types_with_constraints() => Verify("Generics", "/src/Repository.cs", Generics);

    [Fact]
    public void Interface_type_level_and_extension_methods() => Verify("InterfacesAndExtensions", "/src/Greeter.cs", InterfacesAndExtensions);

    [Fact]
    public void Iterators_span_the_enumeration() => Verify("Iterators", "/src/Numbers.cs", Iterators);

    [Fact]
    public void Blocks_with_and_without_a_name() => Verify("Blocks", "/src/Importer.cs", Blocks);

    [Fact]
    public void Code_tags_switched_off_by_msbuild_property() =>
        Verify("CodeTagsOff", "/src/Shapes.cs", Shapes, TestOptions.BuildProperty("InstrumentationCodeTags", "false"));

    [Fact]
    public void Traced_methods_of_a_referenced_assembly()
    {
        // The library is built with the generator too (it traces its own calls); the app traces its calls into it,
        // including internal ones it may see through InternalsVisibleTo. Code tags have no file for metadata methods.
        var library = GeneratorHarness.Run(GeneratorHarness.Compilation([("/lib/Client.cs", """
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            using Instrumentation;

            [assembly: InternalsVisibleTo("TestApp")]

            namespace Lib;

            [Traced(Kind = System.Diagnostics.ActivityKind.Client)]
            public sealed class Client
            {
                public Task<string> GetAsync(string path) => Task.FromResult(path);

                internal int Retries() => 3;

                [NotTraced]
                public int Timeout() => 30;
            }
            """)], assemblyName: "Lib"));
        var image = library.AssertCompilesCleanly();

        var app = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/App.cs", """
            using System.Threading.Tasks;

            namespace App;

            public static class Use
            {
                public static async Task<int> Run(Lib.Client client) => (await client.GetAsync("/")).Length + client.Retries() + client.Timeout();
            }
            """)], extraReferences: [MetadataReference.CreateFromImage(image)]));

        Baseline.AssertMatches("ReferencedAssembly", app.GeneratedText);
        app.AssertCompilesCleanly();
        Assert.Empty(app.GeneratorDiagnostics);
    }

    private static void Verify(string name, string path, string source, TestOptions? options = null)
    {
        var run = GeneratorHarness.Run(path, source, options);
        Baseline.AssertMatches(name, run.GeneratedText);
        run.AssertCompilesCleanly();
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Interceptor_names_do_not_change_when_traced_methods_are_added_elsewhere()
    {
        const string orders = """
            using Instrumentation;
            namespace Demo;
            public class Orders
            {
                [Traced] public int Count() => 1;
                public int Use() => Count();
            }
            """;
        var before = GeneratorHarness.Run("/src/Orders.cs", orders);
        var after = GeneratorHarness.Run("/src/Orders.cs", orders.Replace("public int Use() => Count();", """
            [Traced] public int Audit() => 2;
                [Traced] public int Backlog() => 3;
                public int Use() => Audit() + Backlog() + Count();
            """));

        var name = Inspect.InterceptorOf(before, "Count()")?.Name;
        Assert.Matches("^Count_[0-9a-f]{8}$", name);
        Assert.Equal(name, Inspect.InterceptorOf(after, "Count()")?.Name); // Audit and Backlog sort before it, and change nothing
        after.AssertCompilesCleanly();
    }
}
