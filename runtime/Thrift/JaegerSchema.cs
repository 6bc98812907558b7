namespace Instrumentation.Thrift;

/// <summary>A field of a jaeger.thrift struct: its id and Thrift type.</summary>
internal readonly struct JaegerField(short id, ThriftType type)
{
    public short Id { get; } = id;

    public ThriftType Type { get; } = type;
}

/// <summary>
/// jaeger.thrift (the agent's <c>emitBatch</c> and the structs it carries): the one place the
/// field ids and types are spelled out. The general writers name these fields
/// (<see cref="JaegerFieldWriting.Field"/>); the compact fast path's constant field headers are
/// derived from them and checked by a test (<see cref="ThriftCompactWriter.FieldHeader(short, JaegerField)"/>).
/// </summary>
internal static class JaegerSchema
{
    public static class EmitBatchArgs
    {
        public static readonly JaegerField Batch = new(1, ThriftType.Struct);
    }

    public static class Batch
    {
        public static readonly JaegerField Process = new(1, ThriftType.Struct);
        public static readonly JaegerField Spans = new(2, ThriftType.List);
    }

    public static class Process
    {
        public static readonly JaegerField ServiceName = new(1, ThriftType.String);
        public static readonly JaegerField Tags = new(2, ThriftType.List);
    }

    public static class Span
    {
        public static readonly JaegerField TraceIdLow = new(1, ThriftType.I64);
        public static readonly JaegerField TraceIdHigh = new(2, ThriftType.I64);
        public static readonly JaegerField SpanId = new(3, ThriftType.I64);
        public static readonly JaegerField ParentSpanId = new(4, ThriftType.I64);
        public static readonly JaegerField OperationName = new(5, ThriftType.String);
        public static readonly JaegerField References = new(6, ThriftType.List);
        public static readonly JaegerField Flags = new(7, ThriftType.I32);
        public static readonly JaegerField StartTime = new(8, ThriftType.I64);
        public static readonly JaegerField Duration = new(9, ThriftType.I64);
        public static readonly JaegerField Tags = new(10, ThriftType.List);
        public static readonly JaegerField Logs = new(11, ThriftType.List);
    }

    public static class SpanRef
    {
        public static readonly JaegerField RefType = new(1, ThriftType.I32);
        public static readonly JaegerField TraceIdLow = new(2, ThriftType.I64);
        public static readonly JaegerField TraceIdHigh = new(3, ThriftType.I64);
        public static readonly JaegerField SpanId = new(4, ThriftType.I64);

        /// <summary>SpanRefType FOLLOWS_FROM (links).</summary>
        public const int FollowsFrom = 1;
    }

    public static class Log
    {
        public static readonly JaegerField Timestamp = new(1, ThriftType.I64);
        public static readonly JaegerField Fields = new(2, ThriftType.List);
    }

    public static class Tag
    {
        public static readonly JaegerField Key = new(1, ThriftType.String);
        public static readonly JaegerField VType = new(2, ThriftType.I32);
        public static readonly JaegerField VStr = new(3, ThriftType.String);
        public static readonly JaegerField VDouble = new(4, ThriftType.Double);
        public static readonly JaegerField VBool = new(5, ThriftType.Bool);
        public static readonly JaegerField VLong = new(6, ThriftType.I64);
        public static readonly JaegerField VBinary = new(7, ThriftType.String);
    }

    /// <summary>TagType: what a tag's <c>vType</c> says its value is.</summary>
    public static class TagType
    {
        public const int String = 0, Double = 1, Bool = 2, Long = 3, Binary = 4;
    }
}

/// <summary>Writes schema fields through any protocol's writer.</summary>
internal static class JaegerFieldWriting
{
    public static void Field(this IThriftWriter w, JaegerField field) => w.FieldBegin(field.Id, field.Type);
}
