using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Instrumentation;

/// <summary>Entry points for code that is traced by hand.</summary>
public static class Tracing
{
    /// <summary>The source of blocks made without the generator (with it, blocks use their assembly's source).</summary>
    public static readonly ActivitySource BlockSource = TracedSources.Create("Instrumentation.Blocks");

    /// <summary>
    /// Starts a child span for a block of code: <c>using (Tracing.Block("load")) { ... }</c> or
    /// <c>using var span = Tracing.Block();</c>. Without a name the span is called after the
    /// enclosing member and line. Returns null when nobody samples it (a <c>using</c> accepts null).
    /// Works in lambdas and local functions, where calls cannot be intercepted.
    /// </summary>
    public static Activity? Block(
        string? name = null,
        [CallerMemberName] string member = "",
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        if (!BlockSource.HasListeners()) return null;
        var span = SpanCallbacks.Start(BlockSource, name ?? DefaultName(member, file, line), ActivityKind.Internal);
        if (span is { IsAllDataRequested: true }) TracedMethod.SetCodeTags(span, member, file, line);
        return span;
    }

    private static string DefaultName(string member, string file, int line) =>
        $"{FileStem(file)}.{member}:{line}";

    /// <summary>
    /// The file's name without its extension, split at either separator: the path is where the caller
    /// was compiled, and a library built on Windows and run on Linux has backslashes in it, which
    /// Path does not split there.
    /// </summary>
    private static string FileStem(string file)
    {
        var name = file.Substring(file.LastIndexOfAny(PathSeparators) + 1);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    private static readonly char[] PathSeparators = ['/', '\\'];
}
