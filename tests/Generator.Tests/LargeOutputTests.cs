using System.Collections.Generic;
using System.Linq;
using System.Text;
using Instrumentation.Generator.Tests.Support;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>Many traced methods: interceptors are spread over several classes (compiled in parallel), and every call is still intercepted.</summary>
public sealed class LargeOutputTests
{
    [Fact]
    public void Two_hundred_fifty_traced_methods_are_spread_over_four_classes_that_do_not_change_when_one_is_added()
    {
        var run = GeneratorHarness.Run("/src/Many.cs", Many(250));
        var grown = GeneratorHarness.Run("/src/Many.cs", Many(251));

        run.AssertCompilesCleanly();
        grown.AssertCompilesCleanly();
        var interceptors = InterceptorsOf(run, 250);
        Assert.DoesNotContain("not intercepted", interceptors.Values);
        // About a hundred per class (the compiler compiles classes in parallel), placed by a hash of
        // the target: four classes for 250, a power of two so that growth moves nothing until it doubles.
        var sizes = interceptors.GroupBy(c => c.Value.Split('.')[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["TracedInterceptors", "TracedInterceptors1", "TracedInterceptors2", "TracedInterceptors3"], sizes.Keys.Order(System.StringComparer.Ordinal));
        Assert.All(sizes.Values, size => Assert.InRange(size, 25, 100));
        Assert.Equal(interceptors, InterceptorsOf(grown, 250)); // Op250 found a place; no other interceptor moved or was renamed
    }

    private static string Many(int count)
    {
        var source = new StringBuilder("using Instrumentation;\nnamespace Demo;\npublic class Many\n{\n");
        for (var i = 0; i < count; i++) source.Append($"    [Traced] public int Op{i}(int x) => x + {i};\n");
        source.Append("    public int All()\n    {\n        var t = 0;\n");
        for (var i = 0; i < count; i++) source.Append($"        t += Op{i}(t);\n");
        source.Append("        return t;\n    }\n}\n");
        return source.ToString();
    }

    /// <summary>The interceptor (class.method) of each of the first <paramref name="count"/> calls.</summary>
    private static Dictionary<string, string> InterceptorsOf(GeneratorRun run, int count) =>
        Enumerable.Range(0, count).ToDictionary(
            i => $"Op{i}",
            i => Inspect.InterceptorOf(run, $"Op{i}(t)") is { } m ? $"{m.ContainingType.Name}.{m.Name}" : "not intercepted");
}
