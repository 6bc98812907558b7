using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Attributes of a traced method that its interceptor (and a decorator's implementing member) must repeat, or
/// suppress in the generated file: the SDK's compiler and analyzers check generated code too (with
/// TreatWarningsAsErrors). Shapes.Tests builds the SDK-only cases; these check the generated code here.
/// </summary>
public sealed class CopiedAttributeTests
{
    private static bool Has(IMethodSymbol? method, string attribute) =>
        method is not null && method.GetAttributes().Any(a => a.AttributeClass?.Name == attribute);

    [Fact]
    public void DoesNotReturn_is_copied_onto_interceptors_of_every_kind_of_call()
    {
        var run = GeneratorHarness.Run("/src/Shapes.cs", """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            namespace Demo;

            public class K
            {
                [Traced][DoesNotReturn] public static void S() => throw new Exception();
                [Traced][DoesNotReturn] public void I() => throw new Exception();
                [Traced][DoesNotReturn] public virtual void V() => throw new Exception();
            }

            public static class E { [Traced][DoesNotReturn] public static void X(this K k) => throw new Exception(); }

            [Traced] public interface IX { [DoesNotReturn] void F(); }

            public static class Use
            {
                public static void R1() { K.S(); }
                public static void R2(K k) { k.I(); }
                public static void R3(K k) { k.V(); }
                public static void R4(K k) { k.X(); }
                public static void R5(IX x) { x.F(); }
            }
            """);
        run.AssertCompilesCleanly();
        foreach (var call in new[] { "K.S()", "k.I()", "k.V()", "k.X()", "x.F()" })
            Assert.True(Has(Inspect.InterceptorOf(run, call), "DoesNotReturnAttribute"), call);
        Assert.Contains("#pragma warning disable CS8763", run.GeneratedText, System.StringComparison.Ordinal);
    }

    [Fact]
    public void MaybeNull_tasks_and_sequences_are_passed_to_the_runtime_helpers_without_warnings()
    {
        var source = """
            using System.Collections.Generic;
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            public class M
            {
                [Traced] [return: MaybeNull] public Task<string> I() => Task.FromResult("");
                [Traced] [return: MaybeNull] public ValueTask<string> V() => default;
                [Traced] [return: MaybeNull] public IEnumerable<string> E() { yield break; }
                [Traced] [return: MaybeNull] public async IAsyncEnumerable<string> A() { await Task.Yield(); yield break; }
                [Traced] [return: NotNullIfNotNull(nameof(s))] public Task<string>? N(string? s) => null;
            }

            [Traced]
            public interface IM
            {
                [return: MaybeNull] Task<string> I();
                [return: MaybeNull] IEnumerable<string> E();
            }

            public static class Use
            {
                public static void Run(M m, IM im) { var i = m.I(); var v = m.V(); var e = m.E(); var a = m.A(); var n = m.N("a"); var ii = im.I(); var ie = im.E(); _ = (i, v, e, a, n, ii, ie); }
            }
            """;
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Shapes.cs", source)], extraReferences: [di]));
        run.AssertCompilesCleanly();
        Assert.Contains(".I()!)", run.GeneratedText, System.StringComparison.Ordinal);
        Assert.Contains(".E()!)", run.GeneratedText, System.StringComparison.Ordinal);
        Assert.Contains("this.inner.I()!)", run.DecoratorsText, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Experimental_and_obsolete_diagnostic_ids_are_disabled_in_the_generated_files()
    {
        var source = """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            #pragma warning disable EXP001, OLD001, EXP002, OLD002, EXP003, EXP004 // the user's own suppression, which generated code does not see

            namespace Demo;

            public class K
            {
                [Traced, Experimental("EXP001")] public static void Exp() { }
                [Traced, Obsolete("old", DiagnosticId = "OLD001")] public static void Old() { }
                [Traced] public static void Uses(Preview p) { }
                [Traced] public static void Nested(Outer<Preview2>.Inner i) { } // EXP004 only as a containing type's type argument
            }

            [Experimental("EXP003")] public sealed class Preview { }
            [Experimental("EXP004")] public sealed class Preview2 { }
            public class Outer<T> { public sealed class Inner { } }

            [Traced, Experimental("EXP002")] public interface IE { void A(); }
            [Traced] public interface IE2 { [Experimental("EXP002")] void A(); void B(); }
            [Traced] public interface IO { [Obsolete("o", DiagnosticId = "OLD002")] void A(); int P { get; } }

            public static class C
            {
                public static void R1() => K.Exp();
                public static void R2() => K.Old();
                public static void R3(Preview p, Outer<Preview2>.Inner i) { K.Uses(p); K.Nested(i); }
                public static void R4(IE e, IE2 e2) { e.A(); e2.A(); }
            }
            """;
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Shapes.cs", source)], extraReferences: [di]));
        run.AssertCompilesCleanly();
        Assert.Contains("#pragma warning disable EXP001, EXP002, EXP003, EXP004, OLD001 //", run.GeneratedText, System.StringComparison.Ordinal);
        Assert.Contains("#pragma warning disable EXP002, OLD002 //", run.DecoratorsText, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Trimming_aot_and_preview_requirements_are_copied_onto_interceptors_and_decorator_members()
    {
        var source = """
            using System.Diagnostics.CodeAnalysis;
            using System.Runtime.Versioning;
            using Instrumentation;

            namespace Demo;

            public class K
            {
                [Traced, RequiresUnreferencedCode("trim", Url = "https://example.test/trim")] public static void Trim() { }
                [Traced, RequiresDynamicCode("aot")] public static void Aot() { }
                [Traced, RequiresAssemblyFiles("files")] public static void Files() { }
                [Traced, RequiresPreviewFeatures] public static void Preview() { }
            }

            [RequiresUnreferencedCode("class")]
            public class Whole { [Traced] public static void Static() { } }

            [Traced, RequiresPreviewFeatures("preview interface")]
            public interface IR
            {
                [RequiresUnreferencedCode("t")] void A();
                [RequiresDynamicCode("d")] void B();
                [Traced, RequiresPreviewFeatures] void C();
            }

            public static class Use
            {
                [RequiresUnreferencedCode("x")] public static void R1() => K.Trim();
                [RequiresDynamicCode("x")] public static void R2() => K.Aot();
                [RequiresAssemblyFiles("x")] public static void R3() => K.Files();
                [RequiresPreviewFeatures] public static void R4() => K.Preview();
                [RequiresUnreferencedCode("x")] public static void R5() => Whole.Static();
                [RequiresUnreferencedCode("x"), RequiresDynamicCode("x"), RequiresPreviewFeatures] public static void R6(IR r) { r.A(); r.B(); r.C(); }
            }
            """;
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Shapes.cs", source)], extraReferences: [di]));
        run.AssertCompilesCleanly();
        var trim = Inspect.InterceptorOf(run, "K.Trim()")!.GetAttributes().Single(a => a.AttributeClass?.Name == "RequiresUnreferencedCodeAttribute");
        Assert.Equal("trim", trim.ConstructorArguments[0].Value);
        Assert.Equal("https://example.test/trim", trim.NamedArguments.Single(a => a.Key == "Url").Value.Value);
        Assert.True(Has(Inspect.InterceptorOf(run, "K.Aot()"), "RequiresDynamicCodeAttribute"));
        Assert.True(Has(Inspect.InterceptorOf(run, "K.Files()"), "RequiresAssemblyFilesAttribute"));
        Assert.True(Has(Inspect.InterceptorOf(run, "K.Preview()"), "RequiresPreviewFeaturesAttribute"));
        Assert.True(Has(Inspect.InterceptorOf(run, "Whole.Static()"), "RequiresUnreferencedCodeAttribute"));
        Assert.True(Has(Inspect.InterceptorOf(run, "r.A()"), "RequiresUnreferencedCodeAttribute"));
        Assert.True(Has(Inspect.InterceptorOf(run, "r.C()"), "RequiresPreviewFeaturesAttribute"));

        var decorator = run.Output.GetTypeByMetadataName("Instrumentation.Generated.IRTracedDecorator")!;
        Assert.Contains(decorator.GetAttributes(), a => a.AttributeClass?.Name == "RequiresPreviewFeaturesAttribute");
        Assert.True(Has(decorator.GetMembers().OfType<IMethodSymbol>().Single(m => m.Name.EndsWith(".A", System.StringComparison.Ordinal)), "RequiresUnreferencedCodeAttribute"));
        Assert.True(Has(decorator.GetMembers().OfType<IMethodSymbol>().Single(m => m.Name.EndsWith(".B", System.StringComparison.Ordinal)), "RequiresDynamicCodeAttribute"));
        Assert.True(Has(decorator.GetMembers().OfType<IMethodSymbol>().Single(m => m.Name.EndsWith(".C", System.StringComparison.Ordinal)), "RequiresPreviewFeaturesAttribute"));
    }

    [Fact]
    public void What_trimming_must_keep_of_parameters_and_results_is_copied_onto_interceptors_and_decorator_members()
    {
        // Without the copy, the trim analyzer flags the wrapper's pass-through (IL2067, IL2072, IL2073).
        var source = """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            namespace Demo;

            public static class Factory
            {
                [Traced]
                [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]
                public static Type Make([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicFields)] Type type) => type;
            }

            [Traced]
            public interface IMaker { object Create([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type); }

            public static class Use
            {
                public static Type Run() => Factory.Make(typeof(Use));
            }
            """;
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Trim.cs", source)], extraReferences: [di]));
        run.AssertCompilesCleanly();

        var interceptor = Inspect.InterceptorOf(run, "Factory.Make(typeof(Use))")!;
        Assert.Equal(1 << 0 | 1 << 5, Kept(interceptor.Parameters.Single().GetAttributes())); // PublicParameterlessConstructor | PublicFields
        Assert.Equal(1 << 3, Kept(interceptor.GetReturnTypeAttributes())); // PublicMethods
        var decorator = run.Output.GetTypeByMetadataName("Instrumentation.Generated.IMakerTracedDecorator")!;
        var create = decorator.GetMembers().OfType<IMethodSymbol>().Single(m => m.Name.EndsWith("Create", System.StringComparison.Ordinal));
        Assert.Equal(1, Kept(create.Parameters.Single().GetAttributes()));

        static int Kept(System.Collections.Immutable.ImmutableArray<AttributeData> attributes) =>
            (int)attributes.Single(a => a.AttributeClass?.Name == "DynamicallyAccessedMembersAttribute").ConstructorArguments[0].Value!;
    }

    [Fact]
    public void DynamicallyAccessedMembers_on_type_parameters_is_copied_onto_interceptors_and_decorators()
    {
        // Without the copy, the wrapper passes an unannotated T to an annotated one (IL2091) and a decorator's
        // type parameter differs from its interface's (IL2095): errors where trim warnings are errors.
        const string source = """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Instrumentation;

            namespace Demo;

            public static class Factory
            {
                [Traced] public static string Name<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>() => typeof(T).Name;

                public sealed class Item { }
            }

            public sealed class Box<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>
            {
                [Traced] public int Count() => typeof(T).GetFields().Length;
            }

            [Traced]
            public interface IMaker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
            {
                T Make();
                string Describe<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] U>();
            }

            public static class Use
            {
                public static int Run(Box<Factory.Item> box) => Factory.Name<Factory.Item>().Length + box.Count();
            }
            """;
        var di = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Trim.cs", source)], extraReferences: [di]));
        run.AssertCompilesCleanly();

        Assert.Equal(1 << 3, Kept(Inspect.InterceptorOf(run, "Factory.Name<Factory.Item>()")!.TypeParameters.Single())); // PublicMethods
        Assert.Equal(1 << 5, Kept(Inspect.InterceptorOf(run, "box.Count()")!.TypeParameters.Single())); // PublicFields
        var decorator = run.Output.GetTypeByMetadataName("Instrumentation.Generated.IMakerTracedDecorator`1")!;
        Assert.Equal(1, Kept(decorator.TypeParameters.Single())); // PublicParameterlessConstructor
        var describe = decorator.GetMembers().OfType<IMethodSymbol>().Single(m => m.Name.EndsWith("Describe", System.StringComparison.Ordinal));
        Assert.Equal(1 << 9, Kept(describe.TypeParameters.Single())); // PublicProperties

        static int Kept(ITypeParameterSymbol typeParameter) =>
            (int)typeParameter.GetAttributes().Single(a => a.AttributeClass?.Name == "DynamicallyAccessedMembersAttribute").ConstructorArguments[0].Value!;
    }
}
