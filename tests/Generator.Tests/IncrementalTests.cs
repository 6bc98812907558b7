using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// The generator caches: after an edit that touches no traced code, every tracked step reports only
/// Cached or Unchanged outputs (so nothing is re-emitted), and no step output keeps a compilation,
/// symbol or syntax node alive.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps =
    [
        TracedGenerator.Steps.Settings,
        TracedGenerator.Steps.CallSites,
        TracedGenerator.Steps.MethodGroups,
        TracedGenerator.Steps.Declarations,
        TracedGenerator.Steps.Decorators,
        TracedGenerator.Steps.OrphanCarriers,
        TracedGenerator.Steps.Collected,
    ];

    private const string Calls = """
        using System;
        using System.Threading.Tasks;
        using Instrumentation;

        namespace Demo;

        public static class Use
        {
            public static async Task<int> Run(Orders orders)
            {
                using var span = Tracing.Block();
                Func<int, int> group = orders.Double;
                await orders.SaveAsync(1);
                return orders.Double(2) + group(3);
            }
        }
        """;

    private const string Declarations = """
        using System.Threading.Tasks;
        using Instrumentation;

        namespace Demo;

        [Traced]
        public interface IAudit
        {
            void Record(string what);
        }

        public class Orders
        {
            [Traced]
            public Task SaveAsync([Tag] int id) => Task.CompletedTask;

            [Traced]
            public int Double(int x) => x * 2;

            [Traced]
            public void Unused() { }

            // TRC014; placed before the edited method: a diagnostic after an edit moves, and is re-reported.
            public void NotTraced([TraceContext] System.Collections.Generic.Dictionary<string, string> headers) { }

            public int Unrelated() => 1;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step()
    {
        var (first, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public sealed class Helper { public int Value() => 42; }", GeneratorHarness.ParseOptions, "/src/Helper.cs"));

        var second = GeneratorHarness.Run(first.Driver, edited);

        AssertAllCachedOrUnchanged(second);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [Fact]
    public void Editing_a_method_body_without_traced_calls_reuses_every_step()
    {
        var (first, compilation) = FirstRun();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Orders.cs");
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(
            Declarations.IndexOf("=> 1;", StringComparison.Ordinal), "=> 1;".Length, "=> 1 + 2 * 3;")));

        var second = GeneratorHarness.Run(first.Driver, edited);

        AssertAllCachedOrUnchanged(second);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [Fact]
    public void Adding_a_traced_call_is_noticed()
    {
        // The counterpart of the tests above: the same assertions would fail for a relevant edit.
        var (first, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public static class More { public static int Go() => new Orders().Double(5); }", GeneratorHarness.ParseOptions, "/src/More.cs"));

        var second = GeneratorHarness.Run(first.Driver, edited);

        var steps = second.Generator.TrackedSteps;
        Assert.Contains(steps[TracedGenerator.Steps.CallSites].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.New);
        Assert.Contains(steps[TracedGenerator.Steps.Collected].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("// More.cs(1,70)", second.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Marking_a_method_in_another_file_traces_and_untraces_its_existing_calls()
    {
        var (first, compilation) = FirstRun();
        var withCall = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public static class Later { public static int Go(Orders o) => o.Unrelated(); }", GeneratorHarness.ParseOptions, "/src/Later.cs"));
        var plain = GeneratorHarness.Run(first.Driver, withCall);
        Assert.Null(Inspect.InterceptorOf(plain, "o.Unrelated()"));

        // Only the declaring file changes; the call's file must still be re-examined.
        var tree = withCall.SyntaxTrees.Single(t => t.FilePath == "/src/Orders.cs");
        var marked = withCall.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(
            Declarations.IndexOf("    public int Unrelated()", StringComparison.Ordinal), 0, "    [Traced]\n")));
        var traced = GeneratorHarness.Run(plain.Driver, marked);
        traced.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(traced, "o.Unrelated()"));

        var untraced = GeneratorHarness.Run(traced.Driver, withCall);
        untraced.AssertCompilesCleanly();
        Assert.Null(Inspect.InterceptorOf(untraced, "o.Unrelated()"));
        Assert.Equal(plain.GeneratedText, untraced.GeneratedText);
    }

    [Fact]
    public void Step_outputs_hold_no_compilation_symbol_or_syntax()
    {
        var (first, compilation) = FirstRun();
        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo; class Other { }", GeneratorHarness.ParseOptions, "/src/Other.cs")));

        foreach (var run in new[] { first, second })
        {
            foreach (var step in run.Generator.TrackedSteps.Where(s => TrackedSteps.Contains(s.Key)).SelectMany(s => s.Value))
            {
                foreach (var (value, _) in step.Outputs)
                {
                    AssertHoldsNoRoslynObjects(value, step.Name ?? "step", new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    [Fact]
    public void The_walk_finds_a_symbol_deep_inside_a_model()
    {
        var compilation = GeneratorHarness.Compilation("/src/Empty.cs", "class Empty { }");
        var nested = new { Items = System.Collections.Immutable.ImmutableArray.Create<object>(1, (Name: "x", Symbol: (object)compilation.GetTypeByMetadataName("Empty")!)) };
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertHoldsNoRoslynObjects(nested, "nested", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    private static (GeneratorRun Run, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compilation([("/src/Use.cs", Calls), ("/src/Orders.cs", Declarations)]);
        var run = GeneratorHarness.Run(compilation);
        run.AssertCompilesCleanly();

        // Every tracked step ran and produced something, so the assertions below are about real outputs.
        foreach (var name in TrackedSteps)
        {
            Assert.True(run.Generator.TrackedSteps.TryGetValue(name, out var steps), $"step {name} was not tracked");
            Assert.NotEmpty(steps.SelectMany(s => s.Outputs));
        }

        Assert.Equal(3, run.Generator.TrackedSteps[TracedGenerator.Steps.CallSites].SelectMany(s => s.Outputs).Count()); // Block, SaveAsync, Double
        Assert.Single(run.Generator.TrackedSteps[TracedGenerator.Steps.MethodGroups].SelectMany(s => s.Outputs));
        return (run, compilation);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRun run)
    {
        run.AssertGeneratorDidNotThrow();
        foreach (var name in TrackedSteps)
        {
            var outputs = run.Generator.TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {name} output {o.Value} was {o.Reason}"));
        }
    }

    /// <summary>Walks fields (records, structs, EquatableArray, ImmutableArray, arrays) looking for Roslyn objects that pin a compilation.</summary>
    private static void AssertHoldsNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null) return;
        var type = value.GetType();
        Assert.False(
            value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or AttributeData or IOperation,
            $"{path} holds a {type.FullName}");
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or Type || type.IsPointer) return;
        if (!type.IsValueType && !seen.Add(value)) return;

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence) AssertHoldsNoRoslynObjects(item, $"{path}[{i++}]", seen);
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                AssertHoldsNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }
}
