using Instrumentation.Thrift;
using Xunit;
using static Instrumentation.Thrift.JaegerSchema;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// The compact fast path writes its field headers as constants; each must be what jaeger.thrift's
/// field ids and types (JaegerSchema, which the general writer also uses) give for the order the
/// fast path writes them in. A schema change that the constants missed fails here, not on the wire.
/// </summary>
public sealed class CompactHeaderTests
{
    [Fact]
    public void The_fast_path_s_span_headers_are_derived_from_the_schema()
    {
        Assert.Equal(CompactSpanWriter.TraceIdLow, ThriftCompactWriter.FieldHeader(0, Span.TraceIdLow));
        Assert.Equal(CompactSpanWriter.TraceIdHigh, ThriftCompactWriter.FieldHeader(Span.TraceIdLow.Id, Span.TraceIdHigh));
        Assert.Equal(CompactSpanWriter.SpanId, ThriftCompactWriter.FieldHeader(Span.TraceIdHigh.Id, Span.SpanId));
        Assert.Equal(CompactSpanWriter.ParentSpanId, ThriftCompactWriter.FieldHeader(Span.SpanId.Id, Span.ParentSpanId));
        Assert.Equal(CompactSpanWriter.OperationName, ThriftCompactWriter.FieldHeader(Span.ParentSpanId.Id, Span.OperationName));
        Assert.Equal(CompactSpanWriter.Flags, ThriftCompactWriter.FieldHeader(Span.OperationName.Id, Span.Flags));
        Assert.Equal(CompactSpanWriter.StartTime, ThriftCompactWriter.FieldHeader(Span.Flags.Id, Span.StartTime));
        Assert.Equal(CompactSpanWriter.Duration, ThriftCompactWriter.FieldHeader(Span.StartTime.Id, Span.Duration));
        Assert.Equal(CompactSpanWriter.Tags, ThriftCompactWriter.FieldHeader(Span.Duration.Id, Span.Tags));
        Assert.Equal(CompactSpanWriter.StructListOf, ThriftCompactWriter.TypeCode(ThriftType.Struct));
    }

    [Fact]
    public void The_fast_path_s_tag_headers_are_derived_from_the_schema()
    {
        Assert.Equal(CompactSpanWriter.TagKey, ThriftCompactWriter.FieldHeader(0, Tag.Key));
        Assert.Equal(CompactSpanWriter.TagVType, ThriftCompactWriter.FieldHeader(Tag.Key.Id, Tag.VType));
        Assert.Equal(CompactSpanWriter.TagVStr, ThriftCompactWriter.FieldHeader(Tag.VType.Id, Tag.VStr));
        Assert.Equal(CompactSpanWriter.TagLong, ThriftCompactWriter.FieldHeader(Tag.VType.Id, Tag.VLong));
        Assert.Equal(CompactSpanWriter.TagDouble, ThriftCompactWriter.FieldHeader(Tag.VType.Id, Tag.VDouble));
        Assert.Equal(CompactSpanWriter.TagBoolTrue, ThriftCompactWriter.BoolFieldHeader(Tag.VType.Id, Tag.VBool, true));
        Assert.Equal(CompactSpanWriter.TagBoolFalse, ThriftCompactWriter.BoolFieldHeader(Tag.VType.Id, Tag.VBool, false));
    }
}
