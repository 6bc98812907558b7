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
}
