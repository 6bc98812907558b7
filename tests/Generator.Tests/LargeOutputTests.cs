using System.Linq;
using System.Text;
using Instrumentation.Generator.Tests.Support;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>Many traced methods: interceptors are spread over several classes (compiled in parallel), and every call is still intercepted.</summary>
public sealed class LargeOutputTests
{
    [Fact]
    public void Two_hundred_fifty_traced_methods_are_spread_over_three_classes_and_all_calls_intercepted()
    {
        var source = new StringBuilder("using Instrumentation;\nnamespace Demo;\npublic class Many\n{\n");
        for (var i = 0; i < 250; i++) source.Append($"    [Traced] public int Op{i}(int x) => x + {i};\n");
        source.Append("    public int All()\n    {\n        var t = 0;\n");
        for (var i = 0; i < 250; i++) source.Append($"        t += Op{i}(t);\n");
        source.Append("        return t;\n    }\n}\n");

        var run = GeneratorHarness.Run("/src/Many.cs", source.ToString());

        run.AssertCompilesCleanly();
        var text = run.GeneratedText!;
        Assert.Contains("file static class TracedInterceptors\n", text);
        Assert.Contains("file static class TracedInterceptors1\n", text);
        Assert.Contains("file static class TracedInterceptors2\n", text);
        Assert.DoesNotContain("TracedInterceptors3", text);
        var classes = Enumerable.Range(0, 250)
            .Select(i => Inspect.InterceptorOf(run, $"Op{i}(t)")?.ContainingType.Name ?? "not intercepted")
            .GroupBy(name => name)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new[] { ("TracedInterceptors", 100), ("TracedInterceptors1", 100), ("TracedInterceptors2", 50) },
            classes.OrderBy(c => c.Key, System.StringComparer.Ordinal).Select(c => (c.Key, c.Value)));
    }
}
