using System;

namespace Instrumentation.Thrift;

/// <summary>
/// The subset of a Thrift protocol that Jaeger's structs need, writing into a <see cref="ByteBuffer"/>.
/// Struct and list headers are separate calls so a batch can be framed around pre-written spans.
/// </summary>
internal interface IThriftWriter
{
    ByteBuffer Buffer { get; }

    /// <summary>A new writer of the same protocol over <paramref name="buffer"/> (to encode bytes for reuse).</summary>
    IThriftWriter WithBuffer(ByteBuffer buffer);

    /// <summary>Forgets any open structs, after a write was abandoned half way.</summary>
    void Reset();

    void StructBegin();

    /// <summary>Writes the field-stop byte and leaves the struct.</summary>
    void StructEnd();

    void FieldBegin(short id, ThriftType type);

    void ListBegin(ThriftType elementType, int count);

    /// <summary>A bool field: compact folds the value into the field header.</summary>
    void BoolField(short id, bool value);

    void I32(int value);

    void I64(long value);

    void Double(double value);

    /// <summary>Writes UTF-8 text, cut at a character boundary to at most <paramref name="maxBytes"/>; true when cut.</summary>
    bool String(string value, int maxBytes);

    void Binary(ReadOnlySpan<byte> value);
}
