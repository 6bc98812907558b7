using System;
using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Odd code: the generator never throws, its output never adds an error or warning, code that
/// compiles still compiles (and emits) with the generated code, and each case's traced calls,
/// skipped calls and diagnostics are the ones users should see.
/// </summary>
public sealed class StressTests
{
    /// <summary>One input: its files, whether it compiles on its own, and what to check in the run.</summary>
    public sealed record Case(string Name, (string Path, string Text)[] Files, bool Compiles, string[] Diagnostics, string[] Intercepted, string[] NotIntercepted, OutputKind Kind = OutputKind.DynamicallyLinkedLibrary)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Corpus =
    [
        new("PartialTypeAcrossFiles",
            [("/src/Service.A.cs", """
                using Instrumentation;

                namespace Demo;

                [Traced]
                public partial class Service
                {
                    public int A() => 1;
                }
                """),
            ("/src/Service.B.cs", """
                namespace Demo;

                public partial class Service
                {
                    public int B() => A() + 1;
                }

                public static class Use
                {
                    public static int Run(Service s) => s.A() + s.B();
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["A()", "s.A()", "s.B()"], NotIntercepted: []),

        new("NestedGenerics",
            [("/src/Outer.cs", """
                using Instrumentation;

                namespace Demo;

                public class Outer<T>
                {
                    public class Inner<U> where U : class
                    {
                        [Traced]
                        public (T First, U Second, V Third) M<V>(T t, U u, V v) where V : struct => (t, u, v);
                    }

                    public (T, string, W) Call<W>(T t, W w) where W : struct => new Inner<string>().M(t, "x", w);
                }

                public static class Use
                {
                    public static int Run() => new Outer<int>.Inner<string>().M(1, "a", 2.0).First + new Outer<long>().Call(2L, 'c').Item1.GetHashCode();
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["new Inner<string>().M(t, \"x\", w)", "new Outer<int>.Inner<string>().M(1, \"a\", 2.0)"], NotIntercepted: []),

        new("UnsafePointers",
            [("/src/Native.cs", """
                using Instrumentation;

                namespace Demo;

                public static unsafe class Native
                {
                    [Traced]
                    public static int Sum(int a, int b) => a + b;

                    [Traced]
                    public static int* Pin(int* p) => p;

                    [Traced]
                    public static int First(int*[] pointers) => *pointers[0];

                    [Traced]
                    public static void Call(delegate*<int, void> f) => f(1);

                    public static int Use()
                    {
                        var x = 1;
                        int* p = &x;
                        return Sum(*p, *Pin(p)) + First([p]);
                    }
                }
                """)],
            Compiles: true,
            Diagnostics: ["TRC006 Native.cs(11)", "TRC006 Native.cs(14)", "TRC006 Native.cs(17)", "TRC011 Native.cs(23)", "TRC011 Native.cs(23)"],
            Intercepted: ["Sum(*p, *Pin(p))"], NotIntercepted: ["Pin(p)", "First([p])"]),

        new("RefStructsAndSpans",
            [("/src/Spans.cs", """
                using System;
                using Instrumentation;

                namespace Demo;

                public ref struct Reader
                {
                    private ReadOnlySpan<byte> rest;

                    public Reader(ReadOnlySpan<byte> data) => rest = data;

                    [Traced]
                    public byte Next()
                    {
                        var b = rest[0];
                        rest = rest[1..];
                        return b;
                    }

                    [Traced]
                    public readonly ReadOnlySpan<byte> Peek(int n) => rest[..n];
                }

                public static class Spans
                {
                    [Traced]
                    public static int Sum<T>(Span<T> values, [Tag(UseToString = true)] ReadOnlySpan<char> label) where T : struct => values.Length + label.Length;

                    [Traced]
                    public static Span<int> Head(Span<int> values, int n) => values[..n];

                    [Traced]
                    public static int Count(params ReadOnlySpan<int> values) => values.Length;

                    public static int Use()
                    {
                        Span<int> numbers = stackalloc int[4];
                        var reader = new Reader([1, 2, 3]);
                        var first = reader.Next();
                        return Sum(numbers, "abc") + Head(numbers, 2).Length + first + reader.Peek(1).Length + Count(1, 2, 3);
                    }
                }
                """)],
            Compiles: true, Diagnostics: [],
            Intercepted: ["reader.Next()", "Sum(numbers, \"abc\")", "Head(numbers, 2)", "reader.Peek(1)", "Count(1, 2, 3)"], NotIntercepted: []),

        new("PreprocessorBlocks",
            [("/src/Conditional.cs", """
                using Instrumentation;

                namespace Demo;

                public static class Conditional
                {
                #if NEVER_DEFINED
                    [Traced]
                #endif
                    public static int Hidden() => 1;

                    [Traced]
                    public static int Shown() => 2;

                    public static int Use()
                    {
                #if NEVER_DEFINED
                        return Shown() + Missing(;
                #else
                        return Shown() + Hidden();
                #endif
                    }
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["Shown()"], NotIntercepted: ["Hidden()"]),

        new("EmptyFile", [("/src/Empty.cs", "")], Compiles: true, Diagnostics: [], Intercepted: [], NotIntercepted: []),

        new("OnlyComments",
            [("/src/Comments.cs", """
                // [Traced] public static void M() { }
                /* Tracing.Block(); */
                /// <summary>nothing</summary>
                """)],
            Compiles: true, Diagnostics: [], Intercepted: [], NotIntercepted: []),

        new("DoesNotCompile",
            [("/src/Broken.cs", """
                using Instrumentation;

                namespace Demo;

                public class Store
                {
                    [Traced]
                    public int Save(int id) => id;

                    [Traced]
                    public Missing Load(Unknown id) => null;

                    public int Use(Nope other)
                    {
                        other.Save(1);
                        Save("wrong", 2);
                        Sav(1);
                        Load(default);
                        return Save(1) +
                    }

                    public void Broken( { Save(2); }
                """)],
            Compiles: false, Diagnostics: null!, Intercepted: [], NotIntercepted: ["other.Save(1)", "Save(\"wrong\", 2)", "Sav(1)"]),

        new("Records",
            [("/src/People.cs", """
                using Instrumentation;

                namespace Demo;

                [Traced]
                public record Person(string Name)
                {
                    public string Greet() => "hi " + Name;
                }

                [Traced]
                public readonly record struct Point(int X, int Y)
                {
                    public int Sum() => X + Y;
                }

                public static class Use
                {
                    public static string Run()
                    {
                        var p = new Person("a");
                        var q = p with { Name = "b" };
                        q.Deconstruct(out var name);
                        var pt = new Point(1, 2);
                        return p.Greet() + q.ToString() + name + p.Equals(q) + pt.Sum() + pt.GetHashCode();
                    }
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["p.Greet()", "pt.Sum()"], NotIntercepted: ["q.ToString()", "p.Equals(q)", "pt.GetHashCode()", "q.Deconstruct(out var name)"]),

        new("TopLevelStatements",
            [("/src/Program.cs", """
                using System;
                using Instrumentation;

                using (Tracing.Block())
                {
                    Console.WriteLine(Greeter.Greet("world") + Twice(2));
                }

                [Traced]
                static int Twice(int x) => x * 2;

                static class Greeter
                {
                    [Traced]
                    public static string Greet(string name) => "hello " + name;
                }
                """)],
            Compiles: true, Diagnostics: ["TRC009 Program.cs(10)"], Intercepted: ["Greeter.Greet(\"world\")", "Tracing.Block()"], NotIntercepted: ["Twice(2)"], Kind: OutputKind.ConsoleApplication),

        new("FileLocalTypes",
            [("/src/Hidden.cs", """
                using Instrumentation;

                namespace Demo;

                file sealed class Hidden
                {
                    [Traced]
                    public int M() => 1;
                }

                file static class HiddenExtensions
                {
                    [Traced]
                    public static int Twice(this int x) => x * 2;
                }

                public static class Use
                {
                    public static int Run() => new Hidden().M() + 3.Twice();
                }
                """)],
            Compiles: true, Diagnostics: ["TRC006 Hidden.cs(8)", "TRC006 Hidden.cs(14)", "TRC005 Hidden.cs(19)", "TRC005 Hidden.cs(19)"], Intercepted: [], NotIntercepted: ["new Hidden().M()", "3.Twice()"]),

        new("DefaultInterfaceMethods",
            [("/src/Logger.cs", """
                using Instrumentation;

                namespace Demo;

                public interface ILog
                {
                    [Traced]
                    string Log(string message) => Format(message);

                    string Format(string message);
                }

                public sealed class ConsoleLog : ILog
                {
                    public string Format(string message) => "> " + message;
                }

                public static class Use
                {
                    public static string Run(ILog log) => log.Log("a") + ((ILog)new ConsoleLog()).Log("b");
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["log.Log(\"a\")", "((ILog)new ConsoleLog()).Log(\"b\")"], NotIntercepted: []),

        new("OperatorsAndPropertiesSkipped",
            [("/src/Money.cs", """
                using System;
                using Instrumentation;

                namespace Demo;

                [Traced]
                public readonly struct Money(decimal amount) : IEquatable<Money>
                {
                    public decimal Amount { get; } = amount;

                    public decimal this[int i] => Amount * i;

                    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);

                    public static implicit operator decimal(Money m) => m.Amount;

                    public event EventHandler? Changed { add { } remove { } }

                    public Money Add(Money other) => this + other;

                    public bool Equals(Money other) => Amount == other.Amount;

                    public override bool Equals(object? obj) => obj is Money m && Equals(m);

                    public override int GetHashCode() => Amount.GetHashCode();

                    public override string ToString() => Amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                public static class Use
                {
                    public static decimal Run()
                    {
                        var a = new Money(1);
                        var b = a + a;
                        decimal d = b;
                        return a.Add(b).Amount + b[2] + d + a.ToString().Length + a.GetHashCode() + (a.Equals(b) ? 1 : 0);
                    }
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["a.Add(b)"], NotIntercepted: ["a.ToString()", "a.GetHashCode()", "a.Equals(b)"]),

        new("LocalFunction",
            [("/src/Local.cs", """
                using Instrumentation;

                namespace Demo;

                public static class Work
                {
                    public static int Run()
                    {
                        return Step(1);

                        [Traced]
                        int Step(int x) => x + 1;
                    }
                }
                """)],
            Compiles: true, Diagnostics: ["TRC009 Local.cs(12)"], Intercepted: [], NotIntercepted: ["Step(1)"]),

        new("StaticAbstractViaTypeParameter",
            [("/src/Parsers.cs", """
                using Instrumentation;

                namespace Demo;

                public interface IParse<TSelf> where TSelf : IParse<TSelf>
                {
                    [Traced]
                    static abstract TSelf Parse(string s);

                    [Traced]
                    static virtual string Name() => "parser";
                }

                public sealed class Num : IParse<Num>
                {
                    public static Num Parse(string s) => new();
                }

                public static class Use
                {
                    public static T Run<T>() where T : IParse<T> => T.Parse(T.Name());
                }
                """)],
            Compiles: true, Diagnostics: ["TRC006 Parsers.cs(8)", "TRC006 Parsers.cs(11)", "TRC004 Parsers.cs(21)", "TRC004 Parsers.cs(21)"], Intercepted: [], NotIntercepted: ["T.Parse(T.Name())", "T.Name()"]),

        new("BaseCall",
            [("/src/Shapes.cs", """
                using Instrumentation;

                namespace Demo;

                public class Shape
                {
                    [Traced]
                    public virtual double Area() => 0;
                }

                public sealed class Square(double side) : Shape
                {
                    public override double Area() => base.Area() + side * side;

                    public double Both() => Area() + base.Area();
                }
                """)],
            Compiles: true, Diagnostics: ["TRC001 Shapes.cs(13)", "TRC001 Shapes.cs(15)"], Intercepted: ["Area()"], NotIntercepted: ["base.Area()"]),

        new("ExpressionTrees",
            [("/src/Queries.cs", """
                using System;
                using System.Linq;
                using System.Linq.Expressions;
                using Instrumentation;

                namespace Demo;

                public static class Rules
                {
                    [Traced]
                    public static bool IsAdult(int age) => age >= 18;

                    public static int Count(IQueryable<int> ages, int[] local)
                    {
                        Expression<Func<int, bool>> rule = a => IsAdult(a);
                        var query = from a in ages where IsAdult(a + 0) select a;
                        return query.Count() + local.Count(a => IsAdult(a - 0)) + (rule.Compile()(3) ? 1 : 0);
                    }
                }
                """)],
            Compiles: true, Diagnostics: ["TRC002 Queries.cs(15)", "TRC002 Queries.cs(16)"], Intercepted: ["IsAdult(a - 0)"], NotIntercepted: ["IsAdult(a)", "IsAdult(a + 0)"]),

        new("AwkwardNamesAndReceivers",
            [("/src/Names.cs", """
                using System;
                using Instrumentation;

                namespace Demo;

                public struct Counter
                {
                    public int Value;

                    [Traced]
                    public void Add(int span, int e, int @this, int @class) => Value += span + e + @this + @class;
                }

                public class Handler
                {
                    private readonly Counter frozen;

                    [Traced]
                    public void OnClick(object? sender, EventArgs e) { }

                    [Traced]
                    public string @event(string value) => value;

                    public int Use(Counter? maybe)
                    {
                        frozen.Add(1, 2, 3, 4);
                        maybe?.Add(1, 1, 1, 1);
                        var c = new Counter();
                        c.Add(1, 2, 3, 4);
                        OnClick(this, EventArgs.Empty);
                        _ = nameof(Counter.Add);
                        return c.Value + @event("x").Length;
                    }
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["frozen.Add(1, 2, 3, 4)", "c.Add(1, 2, 3, 4)", "OnClick(this, EventArgs.Empty)", "@event(\"x\")"], NotIntercepted: []),

        // Type parameters (the method's, or its type's, which the interceptor declares too) named like the
        // wrapper's own locals: the span and the caught exception take other names (CS0412 otherwise).
        new("TypeParametersNamedLikeTheWrappersLocals",
            [("/src/TypeNames.cs", """
                #pragma warning disable CS8981
                using Instrumentation;

                namespace Demo;

                public static class Generic
                {
                    [Traced] public static void First<span>() { }
                    [Traced] public static e Second<e>(e x) => x;
                }

                public class Box<e>
                {
                    [Traced] public int Size() => 1;
                }

                public static class Use
                {
                    public static int Run(Box<string> box)
                    {
                        Generic.First<int>();
                        return Generic.Second(2) + box.Size();
                    }
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["Generic.First<int>()", "Generic.Second(2)", "box.Size()"], NotIntercepted: []),

        new("ReceiversAndArguments",
            [("/src/Args.cs", """
                using System;
                using System.Runtime.CompilerServices;
                using Instrumentation;

                namespace Demo;

                public struct Point
                {
                    public int X;

                    [Traced]
                    public void Move(int dx) => X += dx;

                    public readonly int Peek()
                    {
                        var copy = this;
                        copy.Move(1);
                        return copy.X;
                    }

                    public void Twice(int dx)
                    {
                        Move(dx);
                        this.Move(dx);
                    }
                }

                public static class PointExtensions
                {
                    [Traced]
                    public static void Bump(this ref Point p, in int by) => p.X += by;

                    [Traced]
                    public static int Read(this in Point p, ref readonly int offset) => p.X + offset;
                }

                public class Numbers
                {
                    private int[] values = [1, 2, 3];

                    [Traced]
                    public ref int At(int i) => ref values[i];

                    [Traced]
                    public ref readonly int First() => ref values[0];

                    [Traced]
                    public int Sub(int a, int b = 10, [CallerMemberName] string caller = "") => a - b + caller.Length;

                    [Traced]
                    public static int Sum(params int[] xs) => xs.Length;

                    public static Point Make() => new();

                    public int Use()
                    {
                        new Point().Move(1);
                        Make().Move(2);
                        var p = new Point();
                        p.Bump(3);
                        p.Bump(in p.X);
                        var offset = 1;
                        At(0) = 5;
                        ref readonly var first = ref First();
                        return p.Read(in offset) + first + Sub(b: Sum(), a: Sum(1, 2)) + Sum([4, 5]) + Sum(new int[] { 6 });
                    }
                }
                """)],
            Compiles: true, Diagnostics: [],
            Intercepted: ["new Point().Move(1)", "Make().Move(2)", "copy.Move(1)", "Move(dx)", "this.Move(dx)", "p.Bump(3)", "p.Bump(in p.X)", "At(0)", "First()", "p.Read(in offset)", "Sub(b: Sum(), a: Sum(1, 2))", "Sum()", "Sum(1, 2)", "Sum([4, 5])", "Sum(new int[] { 6 })"],
            NotIntercepted: []),

        new("AttributesOnTargets",
            [("/src/Attributed.cs", """
                #define ALWAYS
                using System;
                using System.Diagnostics;
                using System.Threading.Tasks;
                using Instrumentation;

                namespace Demo;

                public static partial class Legacy
                {
                    [Traced]
                    [Obsolete("use New")]
                    public static int Old() => 1;

                    [Traced]
                    [Conditional("NEVER_DEFINED")]
                    public static void DebugOnly(string message) { }

                    [Traced]
                    [Conditional("ALWAYS")]
                    public static void Always(string message) { }

                    [Traced]
                    public static Task? MaybeLater(bool later) => later ? Task.CompletedTask : null;

                    [Traced]
                    public static partial int Compute(int x);

                    public static partial int Compute(int x) => x * 2;

                    [Traced]
                    public static T Pick<T, TEnum, TDelegate>(T value, TEnum e, TDelegate d)
                        where T : allows ref struct
                        where TEnum : struct, Enum
                        where TDelegate : Delegate
                        => value;

                #pragma warning disable CS0618
                    public static int Use()
                    {
                        DebugOnly("x");
                        Always("y");
                        _ = MaybeLater(false);
                        return Old() + Compute(2) + Pick(1, DayOfWeek.Monday, (Action)(() => { }));
                    }
                #pragma warning restore CS0618
                }
                """)],
            Compiles: true, Diagnostics: [],
            Intercepted: ["Old()", "Always(\"y\")", "MaybeLater(false)", "Compute(2)", "Pick(1, DayOfWeek.Monday, (Action)(() => { }))"],
            NotIntercepted: []),

        new("MethodGroupsAndBlocks",
            [("/src/Groups.cs", """
                using System;
                using System.Diagnostics;
                using System.Linq.Expressions;
                using Instrumentation;

                namespace Demo;

                public static class Groups
                {
                    [Traced]
                    public static T Echo<T>(T x) => x;

                    [Traced]
                    public static int Twice(int x) => x * 2;

                    public static int Use()
                    {
                        Func<int, int> a = Echo<int>;
                        Func<int, int> b = Twice;
                        var name = nameof(Twice);
                        Expression<Func<Activity?>> tree = () => Tracing.Block("x", "m", "f", 1);
                        using var block = Tracing.Block();
                        return a(1) + b(2) + name.Length + Echo(3) + Twice(4);
                    }
                }
                """)],
            Compiles: true, Diagnostics: ["TRC003 Groups.cs(18)", "TRC003 Groups.cs(19)"],
            Intercepted: ["Tracing.Block()", "Echo(3)", "Twice(4)"], NotIntercepted: ["Tracing.Block(\"x\", \"m\", \"f\", 1)"]),

        new("AssemblyLevelPattern",
            [("/src/Assembly.cs", """
                using System.Collections.Generic;
                using Instrumentation;

                [assembly: Traced(Pattern = "Demo.Services.*; Demo.Data.Repository*")]

                namespace Demo.Services
                {
                    public class Billing
                    {
                        public int Charge(int amount) => amount;

                        public int Total { get; set; }

                        [NotTraced]
                        public int Quiet() => 0;
                    }
                }

                namespace Demo.Data
                {
                    public class RepositoryOfUsers
                    {
                        public List<string> All() => [];
                    }

                    public class Cache
                    {
                        public int Hit() => 1;
                    }

                    public static class Use
                    {
                        public static int Run(Demo.Services.Billing billing, RepositoryOfUsers users, Cache cache)
                        {
                            billing.Total = billing.Charge(1);
                            return billing.Total + billing.Quiet() + users.All().Count + cache.Hit();
                        }
                    }
                }
                """)],
            Compiles: true, Diagnostics: [], Intercepted: ["billing.Charge(1)", "users.All()"], NotIntercepted: ["billing.Quiet()", "cache.Hit()"]),

        new("GenericExtensions",
            [("/src/Generic.cs", """
                using System;
                using System.Collections.Generic;
                using Instrumentation;

                namespace Demo;

                public interface IShape { double Area(); }

                public struct Circle : IShape
                {
                    public double R;
                    public double Area() => 3 * R * R;
                }

                public static class Extensions
                {
                    [Traced]
                    public static void Grow<T>(this ref T shape, Func<T, T> grow) where T : struct, IShape => shape = grow(shape);

                    [Traced]
                    public static double Largest<T>(this IEnumerable<T> shapes) where T : IShape
                    {
                        var max = 0.0;
                        foreach (var s in shapes) max = Math.Max(max, s.Area());
                        return max;
                    }

                    [Traced]
                    public static double Measure(this IShape shape) => shape.Area();
                }

                public static class Use
                {
                    public static double Run()
                    {
                        var c = new Circle { R = 1 };
                        c.Grow(x => new Circle { R = x.R + 1 });
                        return new[] { c }.Largest() + c.Measure() + new List<IShape> { c }.Largest();
                    }
                }
                """)],
            Compiles: true, Diagnostics: [],
            Intercepted: ["c.Grow(x => new Circle { R = x.R + 1 })", "new[] { c }.Largest()", "c.Measure()", "new List<IShape> { c }.Largest()"], NotIntercepted: []),
    ];

    public static TheoryData<string> Cases => new(Corpus.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_copes(string name)
    {
        var input = Corpus.Single(c => c.Name == name);
        var compilation = GeneratorHarness.Compilation(input.Files, kind: input.Kind);
        var inputErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(input.Compiles, inputErrors.Count == 0);

        var run = GeneratorHarness.Run(compilation);
        run.AssertGeneratorDidNotThrow();

        // The generated file never adds a problem of its own, even next to broken code.
        var generated = run.Output.SyntaxTrees.Where(t => !compilation.SyntaxTrees.Contains(t)).ToList();
        var fromGenerated = generated.SelectMany(t => run.Output.GetSemanticModel(t).GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.True(!fromGenerated.Any(), string.Join("\n", fromGenerated) + "\n\n" + run.GeneratedText);
        if (input.Compiles) run.AssertCompilesCleanly();

        if (input.Diagnostics is not null)
        {
            Assert.Equal(string.Join("\n", input.Diagnostics), string.Join("\n", run.GeneratorDiagnostics.Select(Short)));
        }

        foreach (var call in input.Intercepted) Assert.All(Inspect.InterceptorsOf(run, call), i => Assert.True(i is not null, $"{call} is not intercepted"));
        foreach (var call in input.NotIntercepted) Assert.All(Inspect.InterceptorsOf(run, call), i => Assert.True(i is null, $"{call} is intercepted"));
    }

    private static string Short(Diagnostic d) =>
        $"{d.Id} {System.IO.Path.GetFileName(d.Location.GetLineSpan().Path)}({d.Location.GetLineSpan().StartLinePosition.Line + 1})";
}
