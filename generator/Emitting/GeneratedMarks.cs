using System.Text;

namespace Instrumentation.Generator.Emitting;

/// <summary>What every generated type says about itself, and how generated members get names that do not move.</summary>
internal static class GeneratedMarks
{
    /// <summary>This generator's version (major.minor.patch), as <c>[GeneratedCode]</c> states it.</summary>
    public static readonly string Version = typeof(GeneratedMarks).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Marks the next type as generated: tools (code metrics, coverage, analyzers) skip it, and Step
    /// Into in the debugger passes through it into the user's method instead of stopping in a wrapper.
    /// </summary>
    public static SourceWriter TypeAttributes(this SourceWriter w) =>
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Instrumentation.Generator\", \"{Version}\")]")
            .Line("[global::System.Diagnostics.DebuggerNonUserCode, global::System.Diagnostics.DebuggerStepThrough]");

    /// <summary>
    /// Every generated file's nullable context: annotations on (signatures say what may be null),
    /// warnings off, which skips the compiler's flow analysis of the bodies. That analysis was a
    /// fifth of the compile time of a traced project's generated code (benchmarks/README.md, issue
    /// 10) and can only warn, never change IL; the generator's tests compile every output with the
    /// warnings back on, so the code stays free of them.
    /// </summary>
    public static SourceWriter NullableContext(this SourceWriter w) =>
        w.Line("#nullable enable")
            .Line("#nullable disable warnings // flow analysis skipped in users' builds: the generator's tests compile this code with nullable warnings on");

    /// <summary>
    /// A suffix that depends on <paramref name="key"/> alone (8 hex digits of its FNV-1a hash), so a
    /// generated member keeps its name when other traced methods come or go.
    /// </summary>
    public static string StableSuffix(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
