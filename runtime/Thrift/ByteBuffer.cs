using System;

namespace Instrumentation.Thrift;

/// <summary>A growable byte array reused for the life of a sender, so serializing allocates nothing once warm.</summary>
internal sealed class ByteBuffer(int initialCapacity)
{
    public byte[] Data = new byte[initialCapacity];
    public int Length;

    public void EnsureSpace(int extra)
    {
        if (Length + extra <= Data.Length) return;
        var size = Data.Length * 2;
        while (size < Length + extra) size *= 2;
        Array.Resize(ref Data, size);
    }

    /// <summary>Shrinks the array to <paramref name="capacity"/> bytes when it is larger and its content fits.</summary>
    public void TrimTo(int capacity)
    {
        if (Data.Length > capacity && Length <= capacity) Array.Resize(ref Data, capacity);
    }

    public void WriteByte(byte value)
    {
        EnsureSpace(1);
        Data[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        EnsureSpace(bytes.Length);
        bytes.CopyTo(Data.AsSpan(Length));
        Length += bytes.Length;
    }

    public Span<byte> Reserve(int count)
    {
        EnsureSpace(count);
        var span = Data.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
