using System;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Reads the span count of a Thrift-compact <c>Agent.emitBatch(Batch)</c> datagram without
/// decoding the spans: walks the message header, skips <c>Batch.process</c> generically and reads
/// the header of <c>Batch.spans</c>. Independent of the runtime's writer, so a framing bug shows
/// up as an undecodable datagram.
/// </summary>
internal static class CompactBatchReader
{
    private const int BoolTrue = 1, BoolFalse = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

    /// <summary>The number of spans in the batch, or -1 if the datagram is not an emitBatch call.</summary>
    public static int SpanCount(ReadOnlySpan<byte> data)
    {
        try
        {
            var p = 0;
            if (data[p++] != 0x82) return -1;
            if ((data[p++] & 0x1F) != 1) return -1; // version 1
            ReadVarint(data, ref p); // sequence id
            var nameLength = (int)ReadVarint(data, ref p);
            if (!data.Slice(p, nameLength).SequenceEqual("emitBatch"u8)) return -1;
            p += nameLength;

            if (!FindField(data, ref p, 1, Struct)) return -1; // emitBatch_args.batch
            if (!FindField(data, ref p, 2, List)) return -1;   // Batch.spans
            var header = data[p++];
            var size = header >> 4;
            if (size == 15) size = (int)ReadVarint(data, ref p);
            return (header & 0x0F) == Struct ? size : -1;
        }
        catch (IndexOutOfRangeException)
        {
            return -1;
        }
        catch (ArgumentOutOfRangeException)
        {
            return -1;
        }
    }

    /// <summary>Advances past the fields of the current struct until field <paramref name="id"/>'s header.</summary>
    private static bool FindField(ReadOnlySpan<byte> data, ref int p, short id, int type)
    {
        short last = 0;
        while (true)
        {
            var header = data[p++];
            if (header == 0) return false;
            var fieldType = header & 0x0F;
            var delta = header >> 4;
            var fieldId = delta != 0 ? (short)(last + delta) : (short)ZigZag(ReadVarint(data, ref p));
            last = fieldId;
            if (fieldId == id && fieldType == type) return true;
            Skip(data, ref p, fieldType, inField: true);
        }
    }

    private static void Skip(ReadOnlySpan<byte> data, ref int p, int type, bool inField)
    {
        switch (type)
        {
            case BoolTrue:
            case BoolFalse:
                if (!inField) p++; // list elements carry the bool in a byte; fields in the header
                return;
            case Byte:
                p++;
                return;
            case I16:
            case I32:
            case I64:
                ReadVarint(data, ref p);
                return;
            case Double:
                p += 8;
                return;
            case Binary:
            {
                var length = (int)ReadVarint(data, ref p); // read before adding: p moves past the varint
                p += length;
                return;
            }

            case List:
            case Set:
            {
                var header = data[p++];
                var size = header >> 4;
                if (size == 15) size = (int)ReadVarint(data, ref p);
                for (var i = 0; i < size; i++) Skip(data, ref p, header & 0x0F, inField: false);
                return;
            }

            case Map:
            {
                var size = (int)ReadVarint(data, ref p);
                if (size == 0) return;
                var types = data[p++];
                for (var i = 0; i < size; i++)
                {
                    Skip(data, ref p, types >> 4, inField: false);
                    Skip(data, ref p, types & 0x0F, inField: false);
                }

                return;
            }

            case Struct:
            {
                while (true)
                {
                    var header = data[p++];
                    if (header == 0) return;
                    if (header >> 4 == 0) ReadVarint(data, ref p);
                    Skip(data, ref p, header & 0x0F, inField: true);
                }
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int p)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
        }
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
