using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace Instrumentation.Thrift;

/// <summary>Encodes strings to UTF-8 directly into a buffer, truncating at a character boundary.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The encoded length after truncation to <paramref name="maxBytes"/>.</summary>
    public static int Measure(string value, int maxBytes, out bool truncated)
    {
        // Fast path: even three bytes per char fits.
        if (value.Length * 3 <= maxBytes)
        {
            truncated = false;
            return Encoding.GetByteCount(value);
        }

        var full = Encoding.GetByteCount(value);
        truncated = full > maxBytes;
        return truncated ? -1 : full;
    }

    /// <summary>Encodes all of <paramref name="value"/> at <paramref name="index"/> (space checked by the caller); returns the byte count.</summary>
    public static int Encode(string value, byte[] destination, int index)
    {
        // The unchecked part writes one byte per ASCII char at most; the rest goes through the encoder, which checks.
        RoomCheckedWriter.Room(destination, index, value.Length);
        return EncodeUnchecked(value, destination, index);
    }

    /// <summary>
    /// As <see cref="Encode"/>, room for the encoded bytes checked by the caller
    /// (<see cref="RoomCheckedWriter"/>). ASCII (nearly every name and key) eight chars at a time:
    /// narrowed with one vector instruction and stored as one word, the last eight overlapping the
    /// ones before (the char loop was a quarter of a span's serialization); shorter text char by
    /// char. The first non-ASCII char hands the rest to the encoder.
    /// </summary>
    internal static int EncodeUnchecked(string value, byte[] destination, int index)
    {
        ref var d = ref Unsafe.Add(ref RoomCheckedWriter.Start(destination), index);
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value.AsSpan()));
        var length = value.Length;
        var i = 0;
#if NET
        if (length >= 8 && Vector128.IsHardwareAccelerated)
        {
            var nonAscii = Vector128.Create((ushort)0xFF80);
            while (true)
            {
                var at = Math.Min(i, length - 8);
                var eight = Vector128.LoadUnsafe(ref chars, (nuint)at);
                if ((eight & nonAscii) != Vector128<ushort>.Zero) break;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, at), VectorNarrowing.Exact(eight, eight).AsUInt64().ToScalar());
                i = at + 8;
                if (i == length) return i;
            }
        }
#endif
        for (; i < length; i++)
        {
            var c = Unsafe.Add(ref chars, i);
            if (c >= 0x80) return i + Encoding.GetBytes(value, i, length - i, destination, index + i);
            Unsafe.Add(ref d, i) = (byte)c;
        }

        return length;
    }

    /// <summary>Writes <paramref name="value"/> at the end of <paramref name="buffer"/>; returns the byte count written.</summary>
    public static int WriteAll(ByteBuffer buffer, string value, int byteCount)
    {
        buffer.EnsureSpace(byteCount);
        var written = Encoding.GetBytes(value, 0, value.Length, buffer.Data, buffer.Length);
        buffer.Length += written;
        return written;
    }

    /// <summary>
    /// Encodes a too-long value into scratch space past the end of the buffer and returns the
    /// longest prefix length (at most <paramref name="maxBytes"/>) that ends on a character boundary.
    /// The caller moves those bytes into place after writing the length.
    /// </summary>
    public static int EncodeTruncated(ByteBuffer buffer, string value, int maxBytes, int scratchOffset)
    {
        // Encode only as many chars as can matter: each char yields at least one byte.
        var chars = Math.Min(value.Length, maxBytes + 1);
        buffer.EnsureSpace(scratchOffset + Encoding.GetMaxByteCount(chars));
        var encoded = Encoding.GetBytes(value, 0, chars, buffer.Data, buffer.Length + scratchOffset);
        var cut = Math.Min(encoded, maxBytes);
        // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
        while (cut > 0 && cut < encoded && (buffer.Data[buffer.Length + scratchOffset + cut] & 0xC0) == 0x80) cut--;
        return cut;
    }
}
