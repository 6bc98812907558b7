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
