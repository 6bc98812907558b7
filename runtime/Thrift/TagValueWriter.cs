using System;
using System.Collections;
using System.Globalization;
using System.Text;
using Instrumentation.Diagnostics;
using static Instrumentation.Thrift.JaegerSchema;

namespace Instrumentation.Thrift;

/// <summary>
/// Writes one Jaeger <c>Tag{1: key, 2: vType, 3..7: value}</c>, choosing the Thrift type from the
/// .NET value: text as STRING, integers as LONG, floating point as DOUBLE, bools as BOOL, byte
/// arrays as BINARY, other arrays as a JSON string, anything else as its <c>ToString()</c> (in the invariant culture when it is formattable).
/// </summary>
internal sealed class TagValueWriter(int maxValueBytes, ReporterCounters counters)
{
    private readonly StringBuilder json = new();

    /// <summary>Values (and keys) longer than this many UTF-8 bytes are cut.</summary>
    public int MaxValueBytes => maxValueBytes;

    public void Write(IThriftWriter w, string key, object value)
    {
        w.StructBegin();
        w.Field(Tag.Key);
        if (w.String(key, maxValueBytes)) counters.AddTagValueTruncated();
        switch (value)
        {
            case string s: WriteString(w, s); break;
            case bool b:
                TypeField(w, TagType.Bool);
                w.BoolField(Tag.VBool.Id, b);
                break;
            // Unboxed by exact type (the common ones first): Convert.ToInt64(object) goes through
            // IConvertible and the culture, a measurable share of a span's cost.
            case int i: WriteLong(w, i); break;
            case long l: WriteLong(w, l); break;
            case short or sbyte or byte or ushort or uint: WriteLong(w, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u when u <= long.MaxValue: WriteLong(w, (long)u); break;
            case double or float or decimal: WriteDouble(w, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case byte[] bytes:
                TypeField(w, TagType.Binary);
                w.Field(Tag.VBinary);
                w.Binary(bytes.Length <= maxValueBytes ? bytes : bytes.AsSpan(0, maxValueBytes));
                if (bytes.Length > maxValueBytes) counters.AddTagValueTruncated();
                break;
            case Array array: WriteString(w, ToJson(array)); break;
            default: WriteString(w, SafeToString(value)); break;
        }

        w.StructEnd();
    }

    public void WriteString(IThriftWriter w, string key, string value)
    {
        w.StructBegin();
        w.Field(Tag.Key);
        w.String(key, maxValueBytes);
        WriteString(w, value);
        w.StructEnd();
    }

    /// <summary>A plain string field value (an operation name), cut to the same limit as tag values.</summary>
    public void WriteText(IThriftWriter w, string value)
    {
        if (w.String(value, maxValueBytes)) counters.AddTagValueTruncated();
    }

    private void WriteString(IThriftWriter w, string value)
    {
        TypeField(w, TagType.String);
        w.Field(Tag.VStr);
        if (w.String(value, maxValueBytes)) counters.AddTagValueTruncated();
    }

    private static void WriteLong(IThriftWriter w, long value)
    {
        TypeField(w, TagType.Long);
        w.Field(Tag.VLong);
        w.I64(value);
    }

    private static void WriteDouble(IThriftWriter w, double value)
    {
        TypeField(w, TagType.Double);
        w.Field(Tag.VDouble);
        w.Double(value);
    }

    private static void TypeField(IThriftWriter w, int type)
    {
        w.Field(Tag.VType);
        w.I32(type);
    }

    private string SafeToString(object value)
    {
        try
        {
            // The invariant culture: the same tag reads the same whichever thread writes it (the reporter, or an
            // app thread under a request's culture while the reporter is behind), as span logs already do.
            return (value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString()) ?? string.Empty;
        }
        catch (Exception e)
        {
            counters.AddBadTagValue();
            return $"<{value.GetType().FullName}.ToString() threw {e.GetType().Name}>";
        }
    }

    /// <summary>Arrays become a JSON array string, as the OpenTelemetry-to-Jaeger mapping does.</summary>
    private string ToJson(IEnumerable items)
    {
        json.Clear().Append('[');
        var first = true;
        foreach (var item in items)
        {
            if (!first) json.Append(',');
            first = false;
            switch (item)
            {
                case null: json.Append("null"); break;
                case bool b: json.Append(b ? "true" : "false"); break;
                case int or long or short or sbyte or byte or ushort or uint or ulong:
                    json.Append(Convert.ToString(item, CultureInfo.InvariantCulture));
                    break;
                case double or float or decimal:
                    json.Append(Convert.ToDouble(item, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                    break;
                default: AppendJsonString(item is string s ? s : SafeToString(item)); break;
            }
        }

        return json.Append(']').ToString();
    }

    private void AppendJsonString(string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
