using System.Threading;

namespace Instrumentation;

/// <summary>
/// Where a traced method is (<c>code.function.name</c>, <c>code.file.path</c>,
/// <c>code.line.number</c>): the same for every span of the method, so it is kept once, here, and
/// the reporter writes it into each span it sends instead of every span carrying three tags
/// (<see cref="CodeLocations"/>).
/// </summary>
internal sealed class CodeLocation(string functionName, string? filePath, int lineNumber)
{
    private int shared = 1;

    public string FunctionName { get; } = functionName;

    public string? FilePath { get; } = filePath;

    /// <summary>Boxed once, not per span; null when unknown.</summary>
    public object? LineNumber { get; } = lineNumber > 0 ? lineNumber : null;

    /// <summary>How many of the three tags there are.</summary>
    public int TagCount => 1 + (FilePath is null ? 0 : 1) + (LineNumber is null ? 0 : 1);

    /// <summary>
    /// True once another method registered the same source and span name at a different place:
    /// the reporter can no longer tell them apart by name, so both put the tags on their spans.
    /// </summary>
    public bool Ambiguous => Volatile.Read(ref shared) == 0;

    /// <summary>The three tags in Thrift compact form, made on first use by a reporter thread (a race only makes them twice).</summary>
    public byte[]? CompactTags { get; set; }

    public bool SamePlace(string functionName, string? filePath, int lineNumber) =>
        FunctionName == functionName && FilePath == filePath && (LineNumber is int line ? line : 0) == (lineNumber > 0 ? lineNumber : 0);

    public void MarkAmbiguous() => Volatile.Write(ref shared, 0);
}
