using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// Reads JSON into dictionaries, lists, doubles, strings, bools and nulls: enough for the sampling
/// endpoint's small answers, without a JSON package dependency on netstandard2.0. Anything that is
/// not JSON, or nested deeper than <see cref="MaxDepth"/>, is refused (null and a reason), never thrown.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 32;
    private readonly string text;
    private int at;

    private JsonReader(string text) => this.text = text;

    /// <summary>The value <paramref name="text"/> holds, or false with a reason.</summary>
    public static bool TryRead(string text, out object? value, out string? error)
    {
        var reader = new JsonReader(text);
        try
        {
            value = reader.Value(0);
            reader.SkipSpace();
            if (reader.at != text.Length) throw new FormatException($"unexpected '{text[reader.at]}' after the value at {reader.at}");
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth) throw new FormatException("nested too deeply");
        SkipSpace();
        if (at >= text.Length) throw new FormatException("the text ended where a value was expected");
        switch (text[at])
        {
            case '{': return Object(depth);
            case '[': return Array(depth);
            case '"': return String();
            case 't': return Word("true", true);
            case 'f': return Word("false", false);
            case 'n': return Word("null", null);
            default: return Number();
        }
    }

    private Dictionary<string, object?> Object(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        at++;
        SkipSpace();
        if (Take('}')) return result;
        while (true)
        {
            SkipSpace();
            if (at >= text.Length || text[at] != '"') throw new FormatException($"a property name was expected at {at}");
            var name = String();
            SkipSpace();
            Expect(':');
            result[name] = Value(depth + 1);
            SkipSpace();
            if (Take('}')) return result;
            Expect(',');
        }
    }

    private List<object?> Array(int depth)
    {
        var result = new List<object?>();
        at++;
        SkipSpace();
        if (Take(']')) return result;
        while (true)
        {
            result.Add(Value(depth + 1));
            SkipSpace();
            if (Take(']')) return result;
            Expect(',');
        }
    }

    private string String()
    {
        at++; // the opening quote
        var result = new StringBuilder();
        while (true)
        {
            if (at >= text.Length) throw new FormatException("a string was not closed");
            var c = text[at++];
            if (c == '"') return result.ToString();
            if (c < ' ') throw new FormatException($"a control character in a string at {at - 1}");
            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            if (at >= text.Length) throw new FormatException("a string was not closed");
            var escaped = text[at++];
            switch (escaped)
            {
                case '"': case '\\': case '/': result.Append(escaped); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'u':
                    if (at + 4 > text.Length || !int.TryParse(text.Substring(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw new FormatException($"a bad \\u escape at {at - 2}");
                    result.Append((char)code);
                    at += 4;
                    break;
                default: throw new FormatException($"a bad escape '\\{escaped}' at {at - 2}");
            }
        }
    }

    private double Number()
    {
        var start = at;
        while (at < text.Length && (char.IsDigit(text[at]) || text[at] is '-' or '+' or '.' or 'e' or 'E')) at++;
        if (at == start || !double.TryParse(text.Substring(start, at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"a value was expected at {start}");
        return number;
    }

    private object? Word(string word, object? value)
    {
        if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0) throw new FormatException($"a value was expected at {at}");
        at += word.Length;
        return value;
    }

    private void SkipSpace()
    {
        while (at < text.Length && text[at] is ' ' or '\t' or '\r' or '\n') at++;
    }

    private bool Take(char c)
    {
        if (at >= text.Length || text[at] != c) return false;
        at++;
        return true;
    }

    private void Expect(char c)
    {
        if (!Take(c)) throw new FormatException($"'{c}' was expected at {at}");
    }
}
