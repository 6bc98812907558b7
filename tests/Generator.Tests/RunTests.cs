using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Compile-and-run: the snapshot inputs with their generated interceptors are loaded and executed,
/// and the spans they produce are observed with an <see cref="ActivityListener"/>. Results must be the
/// ones the code computes without tracing (struct receivers by ref, ref/out arguments, params).
/// </summary>
public sealed class RunTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener;

    public RunTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "TestApp",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public void Synchronous_calls_get_spans_and_keep_their_results()
    {
        var run = Load("/src/Shapes.cs", SnapshotTests.Shapes);

        // Point.Move mutates the caller's struct through the interceptor (this ref); Scale's ref/out/params flow back.
        Assert.Equal(26.0, Invoke<double>(run, "Demo.Use", "Run"));

        Assert.Equal(
            ["Counter.Increment", "Counter.Increment", "Point.Move", "geometry.scale", "Point.Length", "Size.Double", "Geometry.Area"],
            stopped.Select(a => a.OperationName));
        var scale = stopped.Single(a => a.OperationName == "geometry.scale");
        Assert.Equal(ActivityKind.Client, scale.Kind);
        Assert.Equal("Demo.Geometry.Scale", scale.GetTagItem("code.function.name"));
        Assert.Equal("/src/Shapes.cs", scale.GetTagItem("code.file.path"));
        Assert.Equal(12, scale.GetTagItem("code.line.number"));
    }

    [Fact]
    public async Task Async_spans_end_when_the_task_completes_with_tags()
    {
        var run = Load("/src/Orders.cs", SnapshotTests.Async);
        var orders = Activator.CreateInstance(run.GetType("Demo.Orders", throwOnError: true)!)!;

        var total = await Invoke<Task<decimal>>(run, "Demo.Use", "Run", orders);

        Assert.Equal(42m + "example.org".Length, total);
        Assert.Equal(["Orders.SaveAsync", "Orders.FlushAsync", "Orders.CountAsync", "Orders.Describe", "Orders.TotalAsync"], stopped.Select(a => a.OperationName));
        var save = stopped.Single(a => a.OperationName == "Orders.SaveAsync");
        Assert.Equal(1, save.GetTagItem("id"));
        Assert.Equal("South", save.GetTagItem("order.region")?.ToString());
        var count = stopped.Single(a => a.OperationName == "Orders.CountAsync");
        Assert.Equal("http://example.org/", count.GetTagItem("source"));
        Assert.Null(count.GetTagItem("fallback"));
        Assert.Equal(11, count.GetTagItem("return"));
        Assert.Equal(42m, stopped.Single(a => a.OperationName == "Orders.TotalAsync").GetTagItem("order.total"));
        Assert.Equal("none", stopped.Single(a => a.OperationName == "Orders.Describe").GetTagItem("return"));
    }

    [Fact]
    public void A_traced_interface_member_implemented_by_an_inherited_method_is_traced_in_calls_on_the_implementing_type()
    {
        // Base.Run implements IRun.Run for Derived alone: calls on Derived were not traced (no diagnostic),
        // calls on Base must stay untraced.
        var run = Load("/src/Inherited.cs", """
            using Instrumentation;

            namespace Demo;

            public interface IRun
            {
                [Traced]
                int Run(int x);
            }

            public class Base
            {
                public int Run(int x) => x + 1;
            }

            public sealed class Derived : Base, IRun
            {
                public int Twice() => Run(1) + this.Run(2);
            }

            public static class Use
            {
                public static int Run()
                {
                    var derived = new Derived();
                    var plain = new Base();
                    var conditional = (derived as Derived)?.Run(40) ?? 0;
                    return derived.Run(10) + plain.Run(20) + ((IRun)derived).Run(30) + derived.Twice() + conditional;
                }
            }
            """);

        Assert.Equal(41 + 11 + 21 + 31 + 2 + 3, Invoke<int>(run, "Demo.Use", "Run"));
        Assert.Equal(["Base.Run", "Base.Run", "IRun.Run", "Base.Run", "Base.Run"], stopped.Select(a => a.OperationName));
    }

    [Fact]
    public void A_conditional_method_still_runs_when_its_call_is_intercepted()
    {
        // The symbol is defined where the call is, not in the generated file: the interceptor's own call
        // of the method was left out, so the span was made and the method never ran.
        var run = Load("/src/Log.cs", """
            #define VERBOSE
            using System.Diagnostics;
            using Instrumentation;

            namespace Demo;

            public static class Log
            {
                public static int Written;

                [Traced]
                [Conditional("VERBOSE")]
                public static void Verbose(string message) => Written += message.Length;
            }

            public static class Use
            {
                public static int Run()
                {
                    Log.Verbose("four");
                    return Log.Written;
                }
            }
            """);

        Assert.Equal(4, Invoke<int>(run, "Demo.Use", "Run"));
        Assert.Equal(["Log.Verbose"], stopped.Select(a => a.OperationName));
    }

    [Fact]
    public async Task A_ToString_that_throws_under_UseToString_is_a_tag_saying_so_not_a_failed_call()
    {
        // Computed inline before the call, it threw into the caller before the body ran and left the span open.
        var run = Load("/src/Shop.cs", """
            using System;
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            public sealed class Order
            {
                public override string ToString() => throw new InvalidOperationException("no text");
            }

            public static class Shop
            {
                public static int Saved;

                [Traced]
                public static void Save([Tag(UseToString = true)] Order order) => Saved++;

                [Traced]
                [return: Tag(UseToString = true)]
                public static Order Load() => new Order();

                [Traced]
                [return: Tag(UseToString = true)]
                public static async Task<Order> LoadAsync()
                {
                    await Task.Yield();
                    return new Order();
                }
            }

            public static class Use
            {
                public static async Task<int> Run()
                {
                    Shop.Save(new Order());
                    Shop.Load();
                    await Shop.LoadAsync();
                    return Shop.Saved;
                }
            }
            """);

        Assert.Equal(1, await Invoke<Task<int>>(run, "Demo.Use", "Run"));

        Assert.Equal(["Shop.Save", "Shop.Load", "Shop.LoadAsync"], stopped.Select(a => a.OperationName));
        Assert.Null(Activity.Current);
        const string Said = "<ToString() threw System.InvalidOperationException>";
        Assert.Equal(Said, stopped.ElementAt(0).GetTagItem("order"));
        Assert.All(stopped.Skip(1), a => Assert.Equal(Said, a.GetTagItem("return")));
        Assert.All(stopped, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
    }

    [Fact]
    public void Tagged_out_parameters_are_tagged_with_the_values_the_call_gave_them()
    {
        // [Tag] on an out parameter was dropped without a word: its value exists only once the call returns.
        var run = Load("/src/Parsing.cs", """
            using Instrumentation;

            namespace Demo;

            public static class Parsing
            {
                private static int stored = 7;

                [Traced]
                [return: Tag("parsed")]
                public static bool TryParse(string text, [Tag] out int value) => int.TryParse(text, out value);

                [Traced]
                public static void Split(string text, [Tag("head")] out string head, [Tag(UseToString = true)] out System.Uri? rest)
                {
                    head = text.Substring(0, 1);
                    rest = null;
                }

                [Traced]
                public static ref int Slot([Tag] out int index)
                {
                    index = 3;
                    return ref stored;
                }
            }

            public static class Use
            {
                public static int Run()
                {
                    Parsing.TryParse("42", out var value);
                    Parsing.Split("xyz", out var head, out _);
                    ref var slot = ref Parsing.Slot(out var index);
                    slot++;
                    return value + head.Length + index + Parsing.Slot(out _);
                }
            }
            """);

        Assert.Equal(42 + 1 + 3 + 8, Invoke<int>(run, "Demo.Use", "Run"));
        var parse = stopped.Single(a => a.OperationName == "Parsing.TryParse");
        Assert.Equal(42, parse.GetTagItem("value"));
        Assert.Equal(true, parse.GetTagItem("parsed"));
        var split = stopped.Single(a => a.OperationName == "Parsing.Split");
        Assert.Equal("x", split.GetTagItem("head"));
        Assert.Null(split.GetTagItem("rest"));
        Assert.Equal([3, 3], stopped.Where(a => a.OperationName == "Parsing.Slot").Select(a => a.GetTagItem("index")));
    }

    [Fact]
    public async Task Spans_of_partial_iterators_cover_the_enumeration()
    {
        // The declaration part has no body: its 'yield' is in the implementation part. Before, the span
        // ended at the call, before the body had run.
        var run = Load("/src/Partial.cs", """
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            public static partial class Numbers
            {
                [Traced]
                public static partial IEnumerable<string?> Items();

                public static partial IEnumerable<string?> Items()
                {
                    yield return Activity.Current?.OperationName;
                }

                [Traced]
                public static partial IAsyncEnumerable<string?> ItemsAsync();

                public static async partial IAsyncEnumerable<string?> ItemsAsync()
                {
                    await Task.Yield();
                    yield return Activity.Current?.OperationName;
                }
            }

            public static class Use
            {
                public static async Task<string> Run()
                {
                    var seen = "";
                    foreach (var item in Numbers.Items()) seen += item + ";";
                    await foreach (var item in Numbers.ItemsAsync()) seen += item + ";";
                    return seen;
                }
            }
            """);

        Assert.Equal("Numbers.Items;Numbers.ItemsAsync;", await Invoke<Task<string>>(run, "Demo.Use", "Run"));
        Assert.Equal(["Numbers.Items", "Numbers.ItemsAsync"], stopped.Select(a => a.OperationName));
    }

    [Fact]
    public async Task Spans_of_methods_returning_a_nullable_task_end_when_it_completes()
    {
        // Task<int>? was traced as a plain value: the span ended at the call, its return tag was the task
        // object, and a fault left its status unset.
        var run = Load("/src/Maybe.cs", """
            using System;
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            public static class Maybe
            {
                public static TaskCompletionSource<int> Pending = new();

                [Traced]
                [return: Tag]
                public static Task<int>? StartAsync() => Pending.Task;

                [Traced]
                public static Task? FailAsync() => Task.FromException(new InvalidOperationException("boom"));

                [Traced]
                public static Task<int>? NoneAsync() => null;
            }

            public static class Use
            {
                public static Task<int> Start() => Maybe.StartAsync()!;

                public static Task Fail() => Maybe.FailAsync()!;

                public static Task<int>? None() => Maybe.NoneAsync();
            }
            """);
        var maybe = run.GetType("Demo.Maybe", throwOnError: true)!;

        var pending = Invoke<Task<int>>(run, "Demo.Use", "Start");
        Assert.Empty(stopped);
        ((TaskCompletionSource<int>)maybe.GetField("Pending")!.GetValue(null)!).SetResult(5);
        Assert.Equal(5, await pending);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke<Task>(run, "Demo.Use", "Fail"));
        Assert.Null(Invoke<Task<int>?>(run, "Demo.Use", "None"));

        Assert.Equal(["Maybe.StartAsync", "Maybe.FailAsync", "Maybe.NoneAsync"], stopped.Select(a => a.OperationName));
        Assert.Equal(5, stopped.ElementAt(0).GetTagItem("return"));
        Assert.Equal(ActivityStatusCode.Error, stopped.ElementAt(1).Status);
    }

    [Fact]
    public async Task Iterator_spans_cover_the_enumeration()
    {
        var run = Load("/src/Numbers.cs", SnapshotTests.Iterators);

        Assert.Equal(0 + 1 + 2 + 0 + 1 + 2 + 0 + 1, await Invoke<Task<int>>(run, "Demo.Use", "Run"));

        // Materialized is not an iterator: its span is the call, with the traced Range call it makes inside.
        var names = stopped.Select(a => a.OperationName).ToList();
        Assert.Equal(["Numbers.Range", "Numbers.RangeAsync", "Numbers.Range", "Numbers.Materialized"], names);
        var inner = stopped.ElementAt(2);
        Assert.Equal(stopped.ElementAt(3).SpanId, inner.ParentSpanId);

        // [Tag] parameters of iterators: the values at the call, set when the enumeration's span starts.
        Assert.Equal([3, 2], stopped.Where(a => a.OperationName == "Numbers.Range").Select(a => a.GetTagItem("count")));
        var async = stopped.Single(a => a.OperationName == "Numbers.RangeAsync");
        Assert.Equal(3, async.GetTagItem("batch.size"));
        Assert.Equal("http://example.org/", async.GetTagItem("from"));
    }

    [Fact]
    public void Struct_receivers_are_mutated_exactly_where_the_original_call_would_mutate_them()
    {
        var run = Load("/src/Counters.cs", """
            using Instrumentation;

            namespace Demo;

            public struct Counter
            {
                public int Value;

                [Traced]
                public void Add(int n) => Value += n;
            }

            public class Holder
            {
                private readonly Counter frozen;
                private Counter live;

                public static int ViaIn(in Counter c)
                {
                    c.Add(100);      // a defensive copy: c stays as it was
                    return c.Value;
                }

                public string Run()
                {
                    frozen.Add(1);   // readonly field: a copy is mutated
                    live.Add(2);     // mutable field: mutated
                    var local = new Counter();
                    local.Add(3);
                    local.Add(4);
                    return $"{frozen.Value} {live.Value} {local.Value} {ViaIn(in local)}";
                }
            }
            """);

        var holder = Activator.CreateInstance(run.GetType("Demo.Holder", throwOnError: true)!)!;
        Assert.Equal("0 2 7 7", holder.GetType().GetMethod("Run")!.Invoke(holder, null));
        Assert.Equal(5, stopped.Count(a => a.OperationName == "Counter.Add"));
    }

    [Fact]
    public void Calls_through_a_constrained_type_parameter_keep_struct_semantics()
    {
        var run = Load("/src/Constrained.cs", """
            using Instrumentation;

            namespace Demo;

            public interface ICounter
            {
                [Traced]
                void Add();

                int Value { get; }
            }

            public struct Counter : ICounter
            {
                public int Value { get; private set; }

                public void Add() => Value++;
            }

            public sealed class Box : ICounter
            {
                public int Value { get; private set; }

                public void Add() => Value++;
            }

            public static class Use
            {
                public static int Twice<T>(T counter) where T : ICounter
                {
                    counter.Add();   // a constrained call: a struct T is mutated in place, not boxed (TRC011, not intercepted)
                    counter.Add();
                    return counter.Value;
                }

                public static int TwiceByReference<T>(T counter) where T : class, ICounter
                {
                    counter.Add();   // T is a reference: intercepted
                    counter.Add();
                    return counter.Value;
                }

                public static int Run() => Twice(new Counter()) * 10 + TwiceByReference(new Box());
            }
            """, "TRC011", "TRC011");

        Assert.Equal(22, Invoke<int>(run, "Demo.Use", "Run"));
        Assert.Equal(2, stopped.Count(a => a.OperationName == "ICounter.Add"));
    }

    [Fact]
    public void Exceptions_are_recorded_and_rethrown_unchanged()
    {
        var run = Load("/src/Failing.cs", """
            using System;
            using Instrumentation;

            namespace Demo;

            public static class Failing
            {
                [Traced]
                public static int Divide(int a, int b) => a / b;

                public static int Use() => Divide(1, 0);
            }
            """);

        var thrown = Assert.Throws<TargetInvocationException>(() => Invoke<int>(run, "Demo.Failing", "Use"));
        Assert.IsType<DivideByZeroException>(thrown.InnerException);
        var span = Assert.Single(stopped);
        Assert.Equal("Failing.Divide", span.OperationName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public void Code_location_tags_follow_the_path_map_and_line_directives_as_caller_info_does()
    {
        // A deterministic CI build (ContinuousIntegrationBuild) passes /pathmap: tags must not carry the build machine's paths.
        const string source = """
            using System.Runtime.CompilerServices;
            using Instrumentation;
            namespace Demo;
            public static class Work
            {
                [Traced] public static void Where() { }
                public static string Caller([CallerFilePath] string file = "", [CallerLineNumber] int line = 0) => file + ":" + line;
            #line 40 "Generated/Work.razor"
                [Traced] public static string Razor() => Caller();
            #line default
                public static string Run() { Where(); using var block = Tracing.Block(); return Caller() + "|" + Razor() + "|" + block?.DisplayName; }
            }
            """;
        var compilation = GeneratorHarness.Compilation("/home/builder/repo/src/Work.cs", source);
        var resolver = new SourceFileResolver([], baseDirectory: null, [new("/home/builder/repo/", "/_/")]);
        var run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithSourceReferenceResolver(resolver)));
        var assembly = new AssemblyLoadContext("pathmap", isCollectible: true).LoadFromStream(new MemoryStream(run.AssertCompilesCleanly()));

        var callerInfo = Invoke<string>(assembly, "Demo.Work", "Run").Split('|');

        // What the compiler itself says for [CallerFilePath]/[CallerLineNumber] here, and the same from our tags.
        Assert.Equal(["/_/src/Work.cs:11", "/_/src/Generated/Work.razor:40", "Work.Run:11"], callerInfo);
        var where = stopped.Single(a => a.OperationName == "Work.Where");
        Assert.Equal("/_/src/Work.cs", where.GetTagItem("code.file.path"));
        Assert.Equal(6, where.GetTagItem("code.line.number"));
        var razor = stopped.Single(a => a.OperationName == "Work.Razor");
        Assert.Equal("/_/src/Generated/Work.razor", razor.GetTagItem("code.file.path"));
        Assert.Equal(40, razor.GetTagItem("code.line.number"));
        var block = stopped.Single(a => a.OperationName == "Work.Run:11");
        Assert.Equal("/_/src/Work.cs", block.GetTagItem("code.file.path"));
        Assert.Equal(11, block.GetTagItem("code.line.number"));
    }

    [Fact]
    public void Traced_calls_from_a_listeners_callbacks_run_untraced_instead_of_recursing()
    {
        // Each Log.Write from a callback would start a span whose start and stop call the listener again:
        // a stack overflow that killed the process. They now run untraced, once per callback.
        var run = Load("/src/Listener.cs", """
            using System.Diagnostics;
            using Instrumentation;

            [assembly: Traced]

            namespace Demo;

            public static class Log
            {
                public static int Lines;

                public static void Write(string text) => Lines += text.Length > 0 ? 1 : 0;
            }

            public static class Use
            {
                public static int Work(int x) => x + 1;

                public static int Run()
                {
                    using var listener = new ActivityListener
                    {
                        ShouldListenTo = s => s.Name == "TestApp",
                        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                        ActivityStarted = a => Log.Write("started " + a.OperationName),
                        ActivityStopped = a => Log.Write("stopped " + a.OperationName),
                    };
                    ActivitySource.AddActivityListener(listener);
                    return 10 * Work(1) + Log.Lines;
                }
            }
            """);

        Assert.Equal(10 * 2 + 2, Invoke<int>(run, "Demo.Use", "Run"));
        Assert.Equal(["Use.Work"], stopped.Select(a => a.OperationName));
    }

    [Fact]
    public void A_listener_that_throws_while_a_span_ends_does_not_leave_the_thread_untraced()
    {
        // The guard above is not restored when a stop callback throws (a try/finally would cost every call);
        // the next traced call finds the span no longer current and forgets it.
        var run = Load("/src/Throwing.cs", """
            using System;
            using System.Diagnostics;
            using Instrumentation;

            namespace Demo;

            public static class Use
            {
                [Traced] public static int Work(int x) => x + 1;

                public static int Run()
                {
                    var thrown = 0;
                    using var listener = new ActivityListener
                    {
                        ShouldListenTo = s => s.Name == "TestApp",
                        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                        ActivityStopped = a => { if (thrown++ == 0) throw new InvalidOperationException("listener"); },
                    };
                    ActivitySource.AddActivityListener(listener);
                    try
                    {
                        Work(1);
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    Activity.Current = null; // the failed stop left its span current, as the BCL does
                    return Work(2) + Work(3);
                }
            }
            """);

        Assert.Equal(3 + 4, Invoke<int>(run, "Demo.Use", "Run"));
        Assert.Equal(3, stopped.Count(a => a.OperationName == "Use.Work"));
    }

    private static Assembly Load(string path, string source, params string[] expectedDiagnostics)
    {
        var run = GeneratorHarness.Run(path, source);
        Assert.Equal(expectedDiagnostics, run.GeneratorDiagnostics.Select(d => d.Id));
        var image = run.AssertCompilesCleanly();
        return new AssemblyLoadContext(path, isCollectible: true).LoadFromStream(new MemoryStream(image));
    }

    private static T Invoke<T>(Assembly assembly, string type, string method, params object[] arguments) =>
        (T)assembly.GetType(type, throwOnError: true)!.GetMethod(method)!.Invoke(null, arguments)!;
}
