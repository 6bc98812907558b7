using System;
using System.Buffers.Binary;

namespace Instrumentation.Thrift;

/// <summary>Thrift compact's unsigned varint (7 bits a byte, low groups first).</summary>
internal static class CompactVarInt
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="p"/>; needs 10 bytes of room (8 are stored at once). Returns the new position.</summary>
    public static int Write(byte[] b, int p, ulong value)
    {
        if (value < 0x80)
        {
            b[p] = (byte)value;
            return p + 1;
        }

#if NET
        // Ids and timestamps take 8 to 10 bytes: spread the low 56 bits into eight 7-bit groups with
        // shifts and masks, set the continuation bits, and store them as one word (a byte loop was
        // the largest single cost of a span's fixed fields).
        var bytes = (63 - System.Numerics.BitOperations.LeadingZeroCount(value)) / 7 + 1;
        var groups = value & 0x00FF_FFFF_FFFF_FFFFUL;
        groups = (groups & 0x0000_0000_0FFF_FFFFUL) | ((groups & 0x00FF_FFFF_F000_0000UL) << 4);
        groups = (groups & 0x0000_3FFF_0000_3FFFUL) | ((groups & 0x0FFF_C000_0FFF_C000UL) << 2);
        groups = (groups & 0x007F_007F_007F_007FUL) | ((groups & 0x3F80_3F80_3F80_3F80UL) << 1);
        // Every byte but the varint's last continues: the first (bytes - 1) of these eight.
        var continuation = bytes > 8 ? 0x8080_8080_8080_8080UL : 0x8080_8080_8080_8080UL & ((1UL << (8 * (bytes - 1))) - 1);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(p, 8), groups | continuation);
        if (bytes > 8)
        {
            var rest = value >> 56;
            b[p + 8] = (byte)(rest | (bytes == 10 ? 0x80u : 0u));
            if (bytes == 10) b[p + 9] = (byte)(rest >> 7);
        }

        return p + bytes;
#else
        while (value >= 0x80)
        {
            b[p++] = (byte)(value | 0x80);
            value >>= 7;
        }

        b[p++] = (byte)value;
        return p;
#endif
    }

    /// <summary>Zig-zag: small negative numbers become small unsigned ones.</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
