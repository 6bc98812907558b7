using System;
using System.Diagnostics;

namespace Instrumentation.Thrift;

/// <summary>
/// The <c>code.*</c> tags the reporter writes from a traced method's <see cref="CodeLocation"/>
/// (see <see cref="CodeLocations"/>), after the span's own tags: only when the span does not carry
/// them itself, so a span never has them twice.
/// </summary>
internal static class CodeTags
{
    public const string FunctionKey = "code.function.name", FileKey = "code.file.path", LineKey = "code.line.number";

    /// <summary>Whether a tag of the span's own is the code location (the span then carries all of it).</summary>
    public static bool IsLocation(string key) => string.Equals(key, FunctionKey, StringComparison.Ordinal);

    /// <summary>The location to write for <paramref name="span"/>: null when it has its own tags or is not a traced method's.</summary>
    public static CodeLocation? ToWrite(Activity span, bool spanHasOwn, CodeLocationReader places) => spanHasOwn ? null : places.Find(span);

    /// <summary>The general path: through a writer of any protocol, cut and counted like any tag.</summary>
    public static void Write(IThriftWriter w, TagValueWriter tags, CodeLocation place)
    {
        tags.WriteString(w, FunctionKey, place.FunctionName);
        if (place.FilePath is not null) tags.WriteString(w, FileKey, place.FilePath);
        if (place.LineNumber is not null) tags.Write(w, LineKey, place.LineNumber);
    }

    /// <summary>Whether the compact fast path may copy <see cref="Compact"/>: nothing in it would be cut.</summary>
    public static bool FitCompact(CodeLocation place, int maxValueBytes) =>
        CompactSpanWriter.Fits(place.FunctionName, maxValueBytes) && (place.FilePath is null || CompactSpanWriter.Fits(place.FilePath, maxValueBytes));

    /// <summary>The tags in Thrift compact form, encoded on first use and then copied (a tag struct does not depend on what precedes it).</summary>
    public static byte[] Compact(CodeLocation place)
    {
        if (place.CompactTags is { } made) return made;
        var bound = 3 * (FunctionKey.Length + FileKey.Length + LineKey.Length + place.FunctionName.Length + (place.FilePath?.Length ?? 0)) + 3 * 24;
        var b = new byte[bound];
        var p = CompactSpanWriter.StringTag(b, 0, FunctionKey, place.FunctionName);
        if (place.FilePath is not null) p = CompactSpanWriter.StringTag(b, p, FileKey, place.FilePath);
        if (place.LineNumber is int line) p = CompactSpanWriter.LongTag(b, p, LineKey, line);
        made = b.AsSpan(0, p).ToArray();
        place.CompactTags = made;
        return made;
    }
}
