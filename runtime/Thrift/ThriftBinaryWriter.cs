using System;
using System.Buffers.Binary;

namespace Instrumentation.Thrift;

/// <summary>
/// Thrift binary protocol: big-endian fixed-width integers, a type byte and an i16 id per field.
/// Used for the HTTP collector's <c>POST /api/traces</c> body.
/// </summary>
internal sealed class ThriftBinaryWriter(ByteBuffer buffer) : IThriftWriter
{
    public const int ListHeaderSize = 5;

    public ByteBuffer Buffer { get; } = buffer;

    public IThriftWriter WithBuffer(ByteBuffer buffer) => new ThriftBinaryWriter(buffer);

    public void Reset()
    {
    }

    public void StructBegin()
    {
    }

    public void StructEnd() => Buffer.WriteByte(0);

    public void FieldBegin(short id, ThriftType type)
    {
        var span = Buffer.Reserve(3);
        span[0] = TypeCode(type);
        BinaryPrimitives.WriteInt16BigEndian(span.Slice(1), id);
    }

    public void ListBegin(ThriftType elementType, int count)
    {
        var span = Buffer.Reserve(ListHeaderSize);
        span[0] = TypeCode(elementType);
        BinaryPrimitives.WriteInt32BigEndian(span.Slice(1), count);
    }

    public void BoolField(short id, bool value)
    {
        FieldBegin(id, ThriftType.Bool);
        Buffer.WriteByte(value ? (byte)1 : (byte)0);
    }

    public void I32(int value) => BinaryPrimitives.WriteInt32BigEndian(Buffer.Reserve(4), value);

    public void I64(long value) => BinaryPrimitives.WriteInt64BigEndian(Buffer.Reserve(8), value);

    public void Double(double value) => I64(BitConverter.DoubleToInt64Bits(value));

    public bool String(string value, int maxBytes)
    {
        var length = Utf8Text.Measure(value, maxBytes, out _);
        if (length >= 0)
        {
            I32(length);
            Utf8Text.WriteAll(Buffer, value, length);
            return false;
        }

        // Encoded straight after the 4-byte length slot, so nothing moves.
        var cut = Utf8Text.EncodeTruncated(Buffer, value, maxBytes, 4);
        I32(cut);
        Buffer.Length += cut;
        return true;
    }

    public void Binary(ReadOnlySpan<byte> value)
    {
        I32(value.Length);
        Buffer.Write(value);
    }

    private static byte TypeCode(ThriftType type) => type switch
    {
        ThriftType.Bool => 2,
        ThriftType.Double => 4,
        ThriftType.I32 => 8,
        ThriftType.I64 => 10,
        ThriftType.String => 11,
        ThriftType.Struct => 12,
        ThriftType.List => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
