using System.Text;

namespace Instrumentation.Generator.Emitting;

/// <summary>A tiny indenting text writer for generated code (always <c>\n</c> line ends, for deterministic output).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder text = new();
    private int indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', indent * 4).Append(line);
        text.Append('\n');
        return this;
    }

    /// <summary>Writes a multi-line template (a raw string literal in the emitter) line by line at the current indentation.</summary>
    public SourceWriter Lines(string template)
    {
        foreach (var line in template.Replace("\r\n", "\n").Split('\n')) Line(line);
        return this;
    }

    public SourceWriter Open(string line)
    {
        Line(line);
        Line("{");
        indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => text.ToString();
}
