using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// A library referenced only under an extern alias (<c>&lt;Reference Aliases="v1" /&gt;</c>, as done to use two
/// versions of one library): generated code names types <c>global::...</c>, which cannot reach its types
/// (CS0400). Calls whose wrapper would name one are reported instead, and the build stays clean.
/// </summary>
public sealed class ExternAliasTests
{
    private static MetadataReference Library(params string[] aliases)
    {
        var library = GeneratorHarness.Run(GeneratorHarness.Compilation([("/lib/Lib.cs", """
            using Instrumentation;

            namespace Lib;

            public sealed class Order { }

            public sealed class Client
            {
                [Traced] public int Retries() => 3;
            }

            public interface IStore { Order Load(int id); }
            """)], assemblyName: "Lib"));
        return MetadataReference.CreateFromImage(library.AssertCompilesCleanly()).WithAliases(aliases);
    }

    private const string App = """
        extern alias v1;
        using Instrumentation;

        namespace App;

        public static class Use
        {
            [Traced] public static int Count(v1::Lib.Order order) => 1;
            [Traced] public static T Pick<T>(T value) where T : v1::Lib.IStore => value;
            [Traced] public static int Plain(int x) => x;

            public static int Run(v1::Lib.Client client, v1::Lib.IStore store) =>
                client.Retries() + Count(new v1::Lib.Order()) + Plain(1) + (Pick(store) is null ? 0 : 1);
        }

        [Traced] public interface IOrders { v1::Lib.Order Find(int id); }
        """;

    [Fact]
    public void Calls_that_would_name_an_aliased_assembly_s_types_are_reported_and_the_build_stays_clean()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/App.cs", App)], extraReferences: [Library("v1")]));

        run.AssertCompilesCleanly("TRC011", "TRC016");
        var reported = run.GeneratorDiagnostics.Where(d => d.Id != "TRC006").Select(Inspect.Describe).ToList(); // TRC006: no calls of the uncalled ones
        Assert.Collection(
            reported,
            d => Assert.Contains("TRC011 Warning /src/App.cs(13,9)-(13,25): The call to 'Client.Retries()' is not traced: type 'Lib.Client' comes from assembly 'Lib', referenced only under the extern alias 'v1'", d),
            d => Assert.Contains("The call to 'Use.Count(Order)' is not traced: type 'Lib.Order' comes from assembly 'Lib', referenced only under the extern alias 'v1', which generated code cannot name (add 'global' to the reference's Aliases)", d),
            d => Assert.Contains("The call to 'Use.Pick<IStore>(IStore)' is not traced: type 'Lib.IStore' comes from", d),
            d => Assert.StartsWith("TRC016 Warning /src/App.cs(16,27)-(16,34): No decorator is generated for 'IOrders': type 'Lib.Order' comes from assembly 'Lib', referenced only under the extern alias 'v1'", d));
        Assert.NotNull(Inspect.InterceptorOf(run, "Plain(1)")); // the rest of the file is traced as usual
        Assert.Null(Inspect.InterceptorOf(run, "Count(new v1::Lib.Order())"));
    }

    [Fact]
    public void An_assembly_also_referenced_as_global_is_traced_as_usual()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/App.cs", App)], extraReferences: [Library("v1", "global")]));

        run.AssertCompilesCleanly();
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id != "TRC006");
        Assert.NotNull(Inspect.InterceptorOf(run, "client.Retries()"));
        Assert.NotNull(Inspect.InterceptorOf(run, "Count(new v1::Lib.Order())"));
        Assert.NotNull(run.DecoratorsText);
    }
}
