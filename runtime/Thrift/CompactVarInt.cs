using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Instrumentation.Thrift;

/// <summary>Thrift compact's unsigned varint (7 bits a byte, low groups first).</summary>
internal static class CompactVarInt
{
    /// <summary>The most bytes a 64-bit varint takes.</summary>
    public const int MaxBytes = 10;

    /// <summary>Writes <paramref name="value"/> at <paramref name="p"/>; needs <see cref="MaxBytes"/> of room (8 are stored at once). Returns the new position.</summary>
    public static int Write(byte[] b, int p, ulong value)
    {
        RoomCheckedWriter.Room(b, p, MaxBytes);
        return WriteUnchecked(b, p, value);
    }

    /// <summary>As <see cref="Write"/>, the room checked by the caller (<see cref="RoomCheckedWriter"/>).</summary>
    internal static int WriteUnchecked(byte[] b, int p, ulong value)
    {
        ref var d = ref RoomCheckedWriter.Start(b);
        if (value < 0x80)
        {
            Unsafe.Add(ref d, p) = (byte)value;
            return p + 1;
        }

        // Ids and timestamps take 8 to 10 bytes: spread the low 56 bits into eight 7-bit groups with
        // shifts and masks, set the continuation bits, and store them as one word (a byte loop was
        // the largest single cost of a span's fixed fields).
        var bytes = BytesByLeadingZeros[LeadingZeroCount(value)];
        var groups = value & 0x00FF_FFFF_FFFF_FFFFUL;
        groups = (groups & 0x0000_0000_0FFF_FFFFUL) | ((groups & 0x00FF_FFFF_F000_0000UL) << 4);
        groups = (groups & 0x0000_3FFF_0000_3FFFUL) | ((groups & 0x0FFF_C000_0FFF_C000UL) << 2);
        groups = (groups & 0x007F_007F_007F_007FUL) | ((groups & 0x3F80_3F80_3F80_3F80UL) << 1);
        // Every byte but the varint's last continues: the first (bytes - 1) of these eight.
        var continuation = bytes > 8 ? 0x8080_8080_8080_8080UL : 0x8080_8080_8080_8080UL & ((1UL << (8 * (bytes - 1))) - 1);
        var word = groups | continuation;
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, p), BitConverter.IsLittleEndian ? word : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(word));
        if (bytes > 8)
        {
            var rest = value >> 56;
            Unsafe.Add(ref d, p + 8) = (byte)(rest | (bytes == 10 ? 0x80u : 0u));
            if (bytes == 10) Unsafe.Add(ref d, p + 9) = (byte)(rest >> 7);
        }

        return p + bytes;
    }

    /// <summary>A varint's length by its value's leading zero bits (64 - bits, 7 bits a byte): a load instead of a division by 7.</summary>
    private static ReadOnlySpan<byte> BytesByLeadingZeros =>
    [
        10, 9, 9, 9, 9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5,
        5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    /// <summary>Zig-zag: small negative numbers become small unsigned ones.</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static int LeadingZeroCount(ulong value)
    {
#if NET
        return System.Numerics.BitOperations.LeadingZeroCount(value);
#else
        var count = 0;
        for (; (value & 0x8000_0000_0000_0000UL) == 0; value <<= 1) count++;
        return count;
#endif
    }
}
