using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Instrumentation.Runtime.Tests.Support;

// The Jaeger IDL (jaeger.thrift) as test-side records, filled from the generic decoded tree.

public sealed record JaegerTag(string Key, int Type, object? Value)
{
    public static JaegerTag From(Dictionary<short, object> f)
    {
        var type = (int)f[2];
        object? value = type switch
        {
            0 => Text(f[3]),
            1 => (double)f[4],
            2 => (bool)f[5],
            3 => (long)f[6],
            4 => (byte[])f[7],
            _ => throw new InvalidOperationException($"unknown TagType {type}"),
        };
        return new JaegerTag(Text(f[1]), type, value);
    }

    internal static string Text(object bytes) => Encoding.UTF8.GetString((byte[])bytes);
}

public sealed record JaegerLog(long Timestamp, IReadOnlyList<JaegerTag> Fields)
{
    public object? this[string key] => Fields.Single(t => t.Key == key).Value;
}

public sealed record JaegerSpanRef(int RefType, long TraceIdLow, long TraceIdHigh, long SpanId);

public sealed record JaegerSpan(
    long TraceIdLow, long TraceIdHigh, long SpanId, long ParentSpanId, string OperationName,
    IReadOnlyList<JaegerSpanRef> References, int Flags, long StartTime, long Duration,
    IReadOnlyList<JaegerTag> Tags, IReadOnlyList<JaegerLog> Logs)
{
    public object? Tag(string key) => Tags.SingleOrDefault(t => t.Key == key)?.Value;

    public static JaegerSpan From(Dictionary<short, object> f) => new(
        (long)f[1], (long)f[2], (long)f[3], (long)f[4], JaegerTag.Text(f[5]),
        Structs(f, 6).Select(r => new JaegerSpanRef((int)r[1], (long)r[2], (long)r[3], (long)r[4])).ToList(),
        (int)f[7], (long)f[8], (long)f[9],
        Structs(f, 10).Select(JaegerTag.From).ToList(),
        Structs(f, 11).Select(l => new JaegerLog((long)l[1], ((List<object>)l[2]).Cast<Dictionary<short, object>>().Select(JaegerTag.From).ToList())).ToList());

    internal static IEnumerable<Dictionary<short, object>> Structs(Dictionary<short, object> f, short id) =>
        f.TryGetValue(id, out var list) ? ((List<object>)list).Cast<Dictionary<short, object>>() : [];
}

public sealed record JaegerProcess(string ServiceName, IReadOnlyList<JaegerTag> Tags)
{
    public object? Tag(string key) => Tags.SingleOrDefault(t => t.Key == key)?.Value;
}

public sealed record JaegerBatch(JaegerProcess Process, IReadOnlyList<JaegerSpan> Spans)
{
    public static JaegerBatch From(Dictionary<short, object> f)
    {
        var p = (Dictionary<short, object>)f[1];
        var process = new JaegerProcess(JaegerTag.Text(p[1]), JaegerSpan.Structs(p, 2).Select(JaegerTag.From).ToList());
        return new JaegerBatch(process, JaegerSpan.Structs(f, 2).Select(JaegerSpan.From).ToList());
    }
}
