using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Interface shapes whose decorators once failed to compile: each now gets a decorator that compiles
/// without warnings (with AddTracedDecorators), or TRC016 and no decorator.
/// </summary>
public sealed class DecoratorShapeCompileTests
{
    private static GeneratorRun Run(string source)
    {
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        return GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Shapes.cs", source)], extraReferences: [di]));
    }

    private static void AssertDecoratorCompiles(string source, string decorator)
    {
        var run = Run(source);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains($"internal sealed class {decorator}", run.DecoratorsText, System.StringComparison.Ordinal);
        run.AssertCompilesCleanly();
    }

    private static void AssertNoDecorator(string source, string message)
    {
        var run = Run(source);
        var problem = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "TRC016");
        Assert.Contains(message, problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        run.AssertCompilesCleanly("TRC016", "TRC006");
    }

    [Fact]
    public void Members_of_several_bases_with_one_signature_are_called_through_their_interface()
    {
        AssertDecoratorCompiles("""
            using System;
            using System.Collections.Generic;
            using Instrumentation;

            namespace Demo;

            [Traced] public interface IStore : IList<string>, IReadOnlyList<string> { }

            public interface IHandler<T> { T Get(); T this[int i] { get; set; } string Name { get; } event EventHandler Changed; }

            [Traced] public interface IH : IHandler<int>, IHandler<string> { }

            public interface IA { string Name(); }
            public interface IB { string Name(); }
            [Traced] public interface IC : IA, IB { }

            [Traced] public interface ITracedA { string Name(); }
            [Traced] public interface ITracedB { string Name(); }
            [Traced] public interface ITracedC : ITracedA, ITracedB { }
            """, "ITracedCTracedDecorator");
    }

    [Fact]
    public void Generic_method_constraints_in_explicit_implementations()
    {
        AssertDecoratorCompiles("""
            using System.IO;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IFactory
            {
                T? Nullable<T>() where T : class?;
                T? OfStream<T>(T? x) where T : Stream;
                T? Unconstrained<T>(T? x);
                T? Value<T>(T? x) where T : struct;
                T? Unmanaged<T>() where T : unmanaged;
            }
            """, "IFactoryTracedDecorator");
    }

    [Fact]
    public void Interface_nested_in_a_generic_class_gets_TRC016()
    {
        AssertNoDecorator("""
            using Instrumentation;

            namespace Demo;

            public class Outer<TOuter>
            {
                [Traced] public interface INested { TOuter Get(); }
            }
            """, "nested in generic type 'Outer<TOuter>'");
    }

    [Fact]
    public void Base_method_type_parameter_named_like_the_interfaces_gets_TRC016()
    {
        AssertNoDecorator("""
            using Instrumentation;

            namespace Demo;

            public interface IBase2<U> { void N<T>(U u, T t); }
            [Traced] public interface IDer2<T> : IBase2<T> { }
            """, "has a type parameter named 'T' like one of the interface's");
        AssertNoDecorator("""
            using Instrumentation;

            namespace Demo;

            public interface IBase { void M<T>(T x); }
            [Traced] public interface IDer<T> : IBase { }
            """, "has a type parameter named 'T' like one of the interface's");
    }

    [Fact]
    public void Protected_member_gets_TRC016()
    {
        AssertNoDecorator("""
            using Instrumentation;

            namespace Demo;

            [Traced] public interface IWithProtected { void Run(); protected void Prot(); }
            """, "member 'Prot' is protected");
    }

    [Fact]
    public void Decorator_names_that_meet_after_mangling_stay_distinct()
    {
        var run = Run("""
            using Instrumentation;

            public class X { [Traced] public interface IFoo { void A(); } }

            [Traced] public interface X_IFoo { void B(); }
            """);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains("internal sealed class X_IFooTracedDecorator ", run.DecoratorsText, System.StringComparison.Ordinal);
        Assert.Contains("internal sealed class X_IFooTracedDecorator_2 ", run.DecoratorsText, System.StringComparison.Ordinal);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void DoesNotReturn_members_keep_the_attribute_in_the_decorator()
    {
        AssertDecoratorCompiles("""
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            namespace Demo;

            public interface IBase { [DoesNotReturn] void Stop(); }

            [Traced]
            public interface IGuard : IBase
            {
                [DoesNotReturn] void Fail();
                void Check([DoesNotReturnIf(false)] bool ok);
            }

            public static class Use { public static void Run(IGuard guard) => guard.Fail(); }
            """, "IGuardTracedDecorator");
    }

    [Fact]
    public void Nullable_attributes_of_properties_and_indexers_are_copied()
    {
        AssertDecoratorCompiles("""
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IProps
            {
                [AllowNull] string P { get; set; }
                [MaybeNull] string Q { get; }
                [MaybeNull] string this[int i] { get; }
                [DisallowNull] string? R { get; set; }
                [NotNull] string? S { get; set; }
                [AllowNull] string this[string s] { get; set; }
                string? T { [return: NotNull] get; [param: DisallowNull] set; }
                string U { [return: MaybeNull] get; [param: AllowNull] set; }
            }

            [Traced]
            public interface IGenericProps<T>
            {
                [AllowNull] T P { get; set; }
                [MaybeNull] T Q { get; }
                [MaybeNull] T this[int i] { get; }
                [DisallowNull] T R { get; set; }
                [NotNull] T S { get; set; }
            }
            """, "IPropsTracedDecorator");
    }

    [Theory]
    [InlineData("[Traced] public interface IShape { [Obsolete(\"x\", true)] void Old(); }", "'IShape.Old()' is marked [Obsolete] as an error")]
    [InlineData("[Traced] public interface IShape { int P { get; [Obsolete(\"x\", true)] set; } }", "'IShape.P.set' is marked [Obsolete] as an error")]
    [InlineData("[Traced] public interface IShape { [Obsolete(\"x\", true)] event EventHandler E; }", "'IShape.E' is marked [Obsolete] as an error")]
    [InlineData("[Obsolete(\"x\", true)] [Traced] public interface IShape { void A(); }", "type 'IShape' is marked [Obsolete] as an error")]
    [InlineData("[Obsolete(\"x\", true)] public interface IOld { void A(); } [Obsolete] [Traced] public interface IShape : IOld { }", "type 'IOld' is marked [Obsolete] as an error")]
    [InlineData("[Obsolete(\"x\", true)] public class Old { } [Obsolete] [Traced] public interface IShape { List<Old> A(); }", "type 'Old' is marked [Obsolete] as an error")]
    [InlineData("[Obsolete(\"x\", true)] public class Old { } [Obsolete] [Traced] public interface IShape<T> where T : Old { }", "type 'Old' is marked [Obsolete] as an error")]
    public void Error_obsolete_members_and_types_get_TRC016(string declarations, string message)
    {
        AssertNoDecorator($$"""
            using System;
            using System.Collections.Generic;
            using Instrumentation;

            namespace Demo;

            {{declarations}}
            """, message);
    }

    [Theory]
    [InlineData("int* P { get; }", "'IPointers.P' cannot be forwarded: its signature has pointer types")]
    [InlineData("int this[int* p] { get; }", "'IPointers.this[int*]' cannot be forwarded: its signature has pointer types")]
    [InlineData("delegate*<void> P { get; set; }", "'IPointers.P' cannot be forwarded: its signature has pointer types")]
    public void Pointer_types_in_properties_and_indexers_get_TRC016(string member, string message)
    {
        AssertNoDecorator($$"""
            using Instrumentation;

            namespace Demo;

            [Traced] public unsafe interface IPointers { {{member}} }
            """, message);
    }

    [Fact]
    public void UnscopedRef_parameters_keep_the_attribute_in_decorator_and_interceptor()
    {
        var source = """
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IRefs
            {
                ref int Forwarded([UnscopedRef] out int x);
                void Plain([UnscopedRef] out int y);
                [Traced] ref int Traced([UnscopedRef] out int z);
            }

            public static class Use
            {
                public static void Run(IRefs refs) { refs.Forwarded(out _) = 1; refs.Traced(out _) = 2; }
            }
            """;
        AssertDecoratorCompiles(source, "IRefsTracedDecorator");
        Assert.Contains("UnscopedRef", Run(source).GeneratedText, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Keyword_named_type_parameters_are_escaped()
    {
        var source = """
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IKeywords<@event>
            {
                void A<@class>(@class x, @event e) where @class : new();
                @class B<@class>() where @class : class;
            }

            [Traced] public class Keywords<@class> { public virtual void Run<@struct>(@class c, @struct s) { } }

            public static class Use
            {
                public static void Run(IKeywords<int> keywords, Keywords<string> k) { keywords.A(1, 2); keywords.B<string>(); k.Run("a", 1); }
            }
            """;
        AssertDecoratorCompiles(source, "IKeywordsTracedDecorator<@event>");
        Assert.Contains("<@class, @struct>", Run(source).GeneratedText, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_and_type_parameters_named_like_descriptor_fields_do_not_hide_them()
    {
        static string Source(string parameter, string other, string typeParameter) => $$"""
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IRunner
            {
                void Run(int {{parameter}});
                Task Go(string {{other}});
                void Generic<{{typeParameter}}>();
            }

            public static class Use
            {
                public static async Task Call(IRunner runner) { runner.Run(1); await runner.Go("a"); runner.Generic<int>(); }
            }
            """;

        // The descriptors' names, then the members' own names set to them (a member's descriptor is named by its
        // signature's types, not its parameters' names, so the names stay).
        static string[] Descriptors(string source) =>
            [.. System.Text.RegularExpressions.Regex.Matches(Run(source).DecoratorsText!, @"TracedMethod (\w+_Span) = new").Select(m => m.Groups[1].Value)];
        var names = Descriptors(Source("a", "b", "T"));
        Assert.Equal(3, names.Length);
        var run = Next(names, "Run_"); var go = Next(names, "Go_"); var generic = Next(names, "Generic_");
        var clashing = Source(run, go, generic);

        Assert.Equal(names, Descriptors(clashing));
        AssertDecoratorCompiles(clashing, "IRunnerTracedDecorator");

        static string Next(string[] all, string prefix) => all.Single(n => n.StartsWith(prefix, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Inner")]
    [InlineData("inner")]
    [InlineData("disposeInner")]
    [InlineData("Run_0a1b2c3d_Span")]
    [InlineData("Run_0a1b2c3d_2_Span")]
    [InlineData("IClashTracedDecorator")]
    public void Interface_type_parameters_named_like_decorator_members_get_TRC016(string name)
    {
        AssertNoDecorator($$"""
            #pragma warning disable CS8981
            using System;
            using Instrumentation;

            namespace Demo;

            [Traced] public interface IClash<{{name}}> : IDisposable { void Run({{name}} x); }
            """, $"its type parameter '{name}' has the name of a member of the decorator class");
    }

    [Fact]
    public void Interface_type_parameter_named_like_the_decorators_file_class_is_fine()
    {
        AssertDecoratorCompiles("""
            #pragma warning disable CS8981
            using Instrumentation;

            namespace Demo;

            [Traced] public interface IFile<TracedDecorators, TracedInterceptors> { void Run(TracedDecorators x); void Go<inner>(inner i, TracedInterceptors t); }

            public static class Use { public static void Call(IFile<int, string> file) { file.Run(1); file.Go(2, "b"); } }
            """, "IFileTracedDecorator<TracedDecorators, TracedInterceptors>");
    }

    [Theory]
    [InlineData("public interface IB<T> { void M(T t); void M(int i); } [Traced] public interface IShape : IB<int> { }", "'IB<int>' has two members with the signature 'IB<int>.M(int)'")]
    [InlineData("public interface IB<T, U> { void M(T t); void M(U u); } [Traced] public interface IShape : IB<int, int> { }", "'IB<int, int>' has two members with the signature 'IB<int, int>.M(int)'")]
    [InlineData("public interface IB<T> { int this[T t] { get; } int this[int i] { get; } } [Traced] public interface IShape : IB<int> { }", "'IB<int>' has two members with the signature 'IB<int>.this[int]'")]
    public void Base_members_with_one_signature_after_substitution_get_TRC016(string declarations, string message)
    {
        AssertNoDecorator($$"""
            using Instrumentation;

            namespace Demo;

            {{declarations}}
            """, message);
    }

    [Fact]
    public void Base_members_that_stay_distinct_after_substitution_are_forwarded()
    {
        AssertDecoratorCompiles("""
            using Instrumentation;

            namespace Demo;

            public interface IB<T> { void M(T t); void M(int i); void N<U>(U u, T t); void N<U>(T t, U u); }
            [Traced] public interface IShape : IB<string> { }
            """, "IShapeTracedDecorator");
    }

    [Fact]
    public void ToString_tags_on_values_that_may_be_ref_structs_are_left_out()
    {
        var source = """
            using System;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface ITags<T> where T : allows ref struct
            {
                void A([Tag(UseToString = true)] T t);
                void B<U>([Tag(UseToString = true)] U u, [Tag(UseToString = true)] ReadOnlySpan<char> text) where U : allows ref struct;
                [return: Tag(UseToString = true)] U C<U>() where U : allows ref struct;
                [return: Tag(UseToString = true)] ReadOnlySpan<char> D();
            }

            [Traced]
            public class Tags
            {
                public virtual void B<U>([Tag(UseToString = true)] U u) where U : allows ref struct { }
                [return: Tag(UseToString = true)] public virtual U C<U>() where U : allows ref struct => default!;
            }

            public static class Use
            {
                public static void Run(ITags<int> tags, Tags k) { tags.A(1); tags.B(2, "x"); tags.C<int>(); tags.D(); k.B(1); k.C<int>(); }
            }
            """;
        var run = Run(source);
        // Left out, and each says so (TRC018): the values that may be ref structs, and the ref struct results.
        Assert.Equal(["t of ITags<T>.A(T)", "u of ITags<T>.B<U>(U, ReadOnlySpan<char>)", "return of ITags<T>.C<U>()", "return of ITags<T>.D()", "u of Tags.B<U>(U)", "return of Tags.C<U>()"],
            run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => Assert.IsType<string>(d.Id == "TRC018" ? Subject(d) : d.Id)));
        Assert.Contains("internal sealed class ITagsTracedDecorator<T>", run.DecoratorsText, System.StringComparison.Ordinal);
        run.AssertCompilesCleanly("TRC018");
        Assert.DoesNotContain("SetTag(\"t\"", run.DecoratorsText, System.StringComparison.Ordinal);
        Assert.Contains("SetTag(\"text\", text.ToString())", run.DecoratorsText, System.StringComparison.Ordinal);
        Assert.DoesNotContain("SetTag(\"u\"", run.GeneratedText, System.StringComparison.Ordinal);
    }

    /// <summary>"what of member", from a TRC018 message ("[Tag] on 'what' of 'member' is ignored: ...").</summary>
    private static string Subject(Diagnostic d)
    {
        var parts = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'');
        return parts[1] + " of " + parts[3];
    }

    [Fact]
    public void Error_obsolete_method_called_from_an_obsolete_context_is_not_intercepted()
    {
        var run = Run("""
            using System;
            using Instrumentation;

            namespace Demo;

            [Obsolete("no", true)] public class Old { }

            public class Worker
            {
                [Traced, Obsolete("x", true)] public virtual void Stop() { }
                [Traced, Obsolete] public virtual void Use(Old? old) { }
                [Traced] public virtual void Run() { }
            }

            public static class Use
            {
                [Obsolete] public static void Call(Worker worker) { worker.Stop(); worker.Use(null); worker.Run(); }
            }
            """);
        Assert.Equal(["TRC011", "TRC011"], run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id));
        Assert.Matches(@"\bRun_[0-9a-f]{8}\(", run.GeneratedText);
        run.AssertCompilesCleanly("TRC011");
    }
}

/// <summary>A library with InternalsVisibleTo to the app, both with [Traced] interfaces: the app's generated code stays unambiguous.</summary>
public sealed class DecoratorsAcrossAssembliesTests
{
    [Fact]
    public void App_seeing_a_librarys_AddTracedDecorators_gets_its_own_under_an_assembly_specific_name()
    {
        var app = RunAppSeeingLibrary("[Traced] public interface ILibService { void Run(); }", """
            using Instrumentation;
            using Microsoft.Extensions.DependencyInjection;

            namespace App;

            [Traced] public interface IAppService { void Run(); }

            public static class Startup
            {
                public static IServiceCollection Configure(IServiceCollection services) => services.AddTracedDecorators().AddTracedDecoratorsOfTestApp();
            }
            """);

        var renamed = Assert.Single(app.GeneratorDiagnostics, d => d.Id != "TRC006");
        Assert.Equal(
            "TRC017 Info (no location): Referenced assembly 'Lib' has its own AddTracedDecorators, visible here through InternalsVisibleTo, so this assembly's is named 'AddTracedDecoratorsOfTestApp'. Call 'AddTracedDecoratorsOfTestApp()' to wrap this assembly's [Traced] interfaces ('AddTracedDecorators()' wraps only those of 'Lib').",
            Inspect.Describe(renamed));
        app.AssertCompilesCleanly();
    }

    [Fact]
    public void Same_named_decorators_in_a_library_seen_through_InternalsVisibleTo_do_not_clash()
    {
        // Both assemblies name their decorator IStoreTracedDecorator; without care the app's own
        // generated code gets CS0436 (a warning, so an error under TreatWarningsAsErrors).
        var app = RunAppSeeingLibrary("[Traced] public interface IStore { void Save(); }", """
            using Instrumentation;

            namespace App;

            [Traced] public interface IStore { void Save(); }
            """);

        app.AssertCompilesCleanly();
    }

    /// <summary>Compiles library 'Lib' (InternalsVisibleTo "TestApp") with the generator, then runs it on the app referencing it.</summary>
    private static GeneratorRun RunAppSeeingLibrary(string libraryDeclarations, string appSource)
    {
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var library = GeneratorHarness.Run(GeneratorHarness.Compilation([("/lib/Lib.cs", $$"""
            using System.Runtime.CompilerServices;
            using Instrumentation;

            [assembly: InternalsVisibleTo("TestApp")]

            namespace Lib;

            {{libraryDeclarations}}
            """)], assemblyName: "Lib", extraReferences: [di]));
        var image = library.AssertCompilesCleanly();
        return GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/App.cs", appSource)], extraReferences: [di, MetadataReference.CreateFromImage(image)]));
    }
}

/// <summary>Carrier shapes the generated code must accept without warnings.</summary>
public sealed class CarrierShapeCompileTests
{
    [Fact]
    public void Carriers_with_nullable_values_compile_without_nullability_warnings()
    {
        var run = GeneratorHarness.Run("/src/Queue.cs", """
            using System.Collections.Generic;
            using System.Diagnostics;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public interface IQueue
            {
                [Traced(Kind = ActivityKind.Producer)]
                void Send([TraceContext] Dictionary<string, string?> headers);

                [Traced(Kind = ActivityKind.Consumer)]
                void Receive([TraceContext] IEnumerable<KeyValuePair<string, string?>> headers);
            }

            public static class Use
            {
                public static void Run(IQueue queue)
                {
                    var headers = new Dictionary<string, string?>();
                    queue.Send(headers);
                    queue.Receive(headers);
                }
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("StartProducer(headers!)", run.GeneratedText, System.StringComparison.Ordinal);
        Assert.Contains("StartConsumer(headers!)", run.DecoratorsText, System.StringComparison.Ordinal);
        run.AssertCompilesCleanly();
    }
}
