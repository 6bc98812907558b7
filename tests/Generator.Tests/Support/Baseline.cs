using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Instrumentation.Generator.Tests.Support;

/// <summary>
/// Checked-in expected generated text, in tests/Generator.Tests/Baselines/&lt;Name&gt;.g.cs.txt.
/// To regenerate after an intended change: <c>UPDATE_BASELINES=1 dotnet test tests/Generator.Tests</c>,
/// then review the diff with git (the tests still fail in that run when a file changed, so it is never silent).
/// </summary>
internal static class Baseline
{
    private static readonly string Directory = typeof(Baseline).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BaselineDirectory").Value!;

    private static readonly System.Text.RegularExpressions.Regex GeneratorVersion = new("GeneratedCode\\(\"Instrumentation.Generator\", \"[0-9.]+\"\\)");

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_BASELINES") is "1" or "true";

    public static void AssertMatches(string name, string? actual)
    {
        Assert.NotNull(actual);
        // The generator's version changes with every release, not with what it generates.
        actual = GeneratorVersion.Replace(actual, "GeneratedCode(\"Instrumentation.Generator\", \"{version}\")");
        var path = Path.Combine(Directory, name + ".g.cs.txt");
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual) return;

        if (Update)
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"Baseline {path} was rewritten; review the diff and run again without UPDATE_BASELINES.");
        }

        Assert.True(expected is not null, $"Baseline {path} is missing. Run with UPDATE_BASELINES=1 to create it.\n\nActual:\n{actual}");
        Assert.Equal(expected, actual);
    }
}
