using System;
using System.Buffers.Binary;

namespace Instrumentation.Thrift;

/// <summary>
/// Thrift compact protocol: field headers carry the id delta and type in one byte, integers are
/// zig-zag varints, bools live in the field header. Used for UDP <c>Agent.emitBatch</c>.
/// </summary>
internal sealed class ThriftCompactWriter(ByteBuffer buffer) : IThriftWriter
{
    private const byte ProtocolId = 0x82;
    private const byte Version = 1;
    private const byte OnewayMessage = 4;
    private const int MaxOneByteLengthChars = 127 / 3;

    private readonly short[] lastFieldIds = new short[16];
    private int depth;
    private short lastFieldId;

    public ByteBuffer Buffer { get; } = buffer;

    public IThriftWriter WithBuffer(ByteBuffer buffer) => new ThriftCompactWriter(buffer);

    /// <summary>A oneway call header: the agent's emitBatch is declared oneway.</summary>
    public void OnewayMessageBegin(string name, int sequenceId)
    {
        Buffer.WriteByte(ProtocolId);
        Buffer.WriteByte((byte)((OnewayMessage << 5) | Version));
        VarInt32((uint)sequenceId);
        String(name, int.MaxValue);
    }

    public void Reset()
    {
        depth = 0;
        lastFieldId = 0;
    }

    public void StructBegin()
    {
        lastFieldIds[depth++] = lastFieldId;
        lastFieldId = 0;
    }

    public void StructEnd()
    {
        Buffer.WriteByte(0);
        lastFieldId = lastFieldIds[--depth];
    }

    public void FieldBegin(short id, ThriftType type) => FieldHeader(id, TypeCode(type));

    public void ListBegin(ThriftType elementType, int count)
    {
        var type = TypeCode(elementType);
        if (count <= 14)
        {
            Buffer.WriteByte((byte)((count << 4) | type));
        }
        else
        {
            Buffer.WriteByte((byte)(0xF0 | type));
            VarInt32((uint)count);
        }
    }

    /// <summary>Bytes a list header takes for <paramref name="count"/> elements.</summary>
    public static int ListHeaderSize(int count) => count <= 14 ? 1 : 1 + VarIntSize((uint)count);

    public void BoolField(short id, bool value) => FieldHeader(id, value ? (byte)1 : (byte)2);

    public void I32(int value) => VarInt32((uint)((value << 1) ^ (value >> 31)));

    public void I64(long value) => VarInt64(CompactVarInt.ZigZag(value));

    public void Double(double value) =>
        BinaryPrimitives.WriteInt64LittleEndian(Buffer.Reserve(8), BitConverter.DoubleToInt64Bits(value));

    public bool String(string value, int maxBytes)
    {
        // Short strings (names, keys, most values) in one pass: at most 3 UTF-8 bytes per char, so
        // the length fits one varint byte and nothing can be truncated; encode after a one-byte
        // slot and fill it in, instead of measuring first and encoding second.
        if (value.Length <= MaxOneByteLengthChars && value.Length * 3 <= maxBytes)
        {
            Buffer.EnsureSpace(1 + value.Length * 3);
            var start = Buffer.Length;
            var written = Utf8Text.Encode(value, Buffer.Data, start + 1);
            Buffer.Data[start] = (byte)written;
            Buffer.Length = start + 1 + written;
            return false;
        }

        var length = Utf8Text.Measure(value, maxBytes, out _);
        if (length >= 0)
        {
            VarInt32((uint)length);
            Utf8Text.WriteAll(Buffer, value, length);
            return false;
        }

        const int maxVarIntBytes = 5;
        var cut = Utf8Text.EncodeTruncated(Buffer, value, maxBytes, maxVarIntBytes);
        var scratch = Buffer.Length + maxVarIntBytes;
        VarInt32((uint)cut);
        System.Buffer.BlockCopy(Buffer.Data, scratch, Buffer.Data, Buffer.Length, cut);
        Buffer.Length += cut;
        return true;
    }

    public void Binary(ReadOnlySpan<byte> value)
    {
        VarInt32((uint)value.Length);
        Buffer.Write(value);
    }

    private void FieldHeader(short id, byte type)
    {
        var delta = id - lastFieldId;
        if (delta is > 0 and <= 15)
        {
            Buffer.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            Buffer.WriteByte(type);
            I32(id);
        }

        lastFieldId = id;
    }

    // Indexed by ThriftType: Bool, I32, I64, Double, String, Struct, List. A table, not a switch
    // with a throwing default, so the JIT inlines it into every field write.
    private static readonly byte[] TypeCodes = [1, 5, 6, 7, 8, 12, 9];

    internal static byte TypeCode(ThriftType type) => TypeCodes[(int)type];

    /// <summary>
    /// The one-byte header of <paramref name="field"/> written right after the field with id
    /// <paramref name="previousId"/> (0 at a struct's start): the id delta and the type code.
    /// </summary>
    internal static byte FieldHeader(short previousId, JaegerField field)
    {
        System.Diagnostics.Debug.Assert(field.Id - previousId is >= 1 and <= 15, "a one-byte field header holds an id step of 1 to 15");
        return (byte)(((field.Id - previousId) << 4) | TypeCode(field.Type));
    }

    /// <summary>As <see cref="FieldHeader(short, JaegerField)"/> for a bool field, whose value the compact protocol folds into the type code (1 true, 2 false).</summary>
    internal static byte BoolFieldHeader(short previousId, JaegerField field, bool value) => (byte)(((field.Id - previousId) << 4) | (value ? 1 : 2));

    private void VarInt32(uint value)
    {
        Buffer.EnsureSpace(5);
        var data = Buffer.Data;
        var i = Buffer.Length;
        while (value >= 0x80)
        {
            data[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        data[i++] = (byte)value;
        Buffer.Length = i;
    }

    private void VarInt64(ulong value)
    {
        Buffer.EnsureSpace(10);
        Buffer.Length = CompactVarInt.Write(Buffer.Data, Buffer.Length, value);
    }

    private static int VarIntSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }
}
