using System;
using System.Buffers.Binary;
using System.Diagnostics;
using Instrumentation.Propagation;
using static Instrumentation.Thrift.JaegerSchema;

namespace Instrumentation.Thrift;

/// <summary>
/// The UDP hot path: writes a common span as a Thrift-compact Jaeger <c>Span</c> straight into
/// the packet buffer, with one capacity check per span, field headers as constants and the
/// position in a local. Common means no links and no events, tag values that are strings, ints,
/// longs, doubles or bools, and nothing long enough to be cut. Anything else returns false before
/// a byte is written and <see cref="JaegerSpanSerializer"/> takes its general path, whose output
/// this one reproduces byte for byte (the general path costs about twice as much: a call, a
/// capacity check and field-id bookkeeping per field, through <see cref="IThriftWriter"/>).
/// </summary>
internal static class CompactSpanWriter
{
    // Field headers for the order written here: (id delta << 4) | compact type code. Constants, so
    // every runtime (.NET Framework, tier 0, AOT) writes them as immediates; CompactHeaderTests derives
    // each one from JaegerSchema (ThriftCompactWriter.FieldHeader) and checks it, so the schema
    // stays the one place field ids and types are decided.
    internal const byte TraceIdLow = 0x16, TraceIdHigh = 0x16, SpanId = 0x16, ParentSpanId = 0x16, OperationName = 0x18;
    internal const byte Flags = 0x25; // no references on this path
    internal const byte StartTime = 0x16, Duration = 0x16, Tags = 0x19;
    internal const byte StructListOf = 12; // a list header's element type
    internal const byte TagKey = 0x18, TagVType = 0x15, TagVStr = 0x18, TagLong = 0x46, TagDouble = 0x27;
    internal const byte TagBoolTrue = 0x31, TagBoolFalse = 0x32;
    // vType values, zigzag-encoded as a small i32 is.
    internal const byte TypeString = TagType.String << 1, TypeDouble = TagType.Double << 1, TypeBool = TagType.Bool << 1, TypeLong = TagType.Long << 1;

    /// <summary>Longer text takes the general path.</summary>
    private const int MaxFastBytes = 3 << 16;

    /// <summary>Bytes a tag can take beyond its key and string value: headers, type, an i64 or a double, stop.</summary>
    private const int TagOverhead = 24;

    /// <summary>Bytes the fixed fields can take beyond the operation name: four ids, flags, two times, headers, stop.</summary>
    private const int SpanOverhead = 96;

    /// <summary>
    /// Writes <paramref name="span"/> when it is a common one; false (nothing written) otherwise.
    /// The derived tags (kind, status, error, sampler) are passed in, already decided by the
    /// serializer, so both paths share one mapping.
    /// </summary>
    public static bool TryWrite(ByteBuffer buffer, Activity span, in DerivedTags derived, IdReader ids, CodeLocationReader places, int maxValueBytes)
    {
        // Pass 1: is it common, how many tags, how many bytes at most.
        var name = span.DisplayName;
        var maxChars = MaxChars(maxValueBytes);
        if (!derived.CanWriteCompact(maxValueBytes) || name.Length > maxChars || HasAny(span)) return false;
        var bound = SpanOverhead + 3 * name.Length + derived.MaxCompactLength;
        var count = derived.Count;
        var ownLocation = false;
        foreach (var tag in span.EnumerateTagObjects())
        {
            var value = tag.Value;
            if (value is null) continue;
            if (tag.Key.Length > maxChars) return false;
            ownLocation |= CodeTags.IsLocation(tag.Key);
            bound += TagOverhead + 3 * tag.Key.Length;
            switch (value)
            {
                case string s:
                    if (s.Length > maxChars) return false;
                    bound += 3 * s.Length;
                    break;
                case int or long or double or bool:
                    break;
                default:
                    return false;
            }

            count++;
        }

        var userTags = count - derived.Count;
        byte[]? codeTags = null;
        if (CodeTags.ToWrite(span, ownLocation, places) is { } place)
        {
            if (!CodeTags.FitCompact(place, maxValueBytes)) return false;
            codeTags = CodeTags.Compact(place);
            bound += codeTags.Length;
            count += place.TagCount;
        }

        // Pass 2: write, with one room check per item (RoomCheckedWriter).
        buffer.EnsureSpace(bound);
        var b = buffer.Data;
        var p = buffer.Length;
        ids.Trace(span.TraceId, out var traceHigh, out var traceLow);
        var spanId = JaegerIds.ToLong(span.SpanId);
        var parentId = ids.Parent(span.ParentSpanId);
        Room(b, p, SpanOverhead + 3 * name.Length);
        Byte(b, p++, TraceIdLow);
        p = VarInt(b, p, ZigZag(traceLow));
        Byte(b, p++, TraceIdHigh);
        p = VarInt(b, p, ZigZag(traceHigh));
        Byte(b, p++, SpanId);
        p = VarInt(b, p, ZigZag(spanId));
        Byte(b, p++, ParentSpanId);
        p = VarInt(b, p, ZigZag(parentId));
        Byte(b, p++, OperationName);
        p = String(b, p, name);
        Byte(b, p++, Flags);
        Byte(b, p++, (byte)(JaegerFlags(span) << 1)); // zigzag of a small positive i32
        Byte(b, p++, StartTime);
        p = VarInt(b, p, ZigZag(JaegerTime.ToEpochMicroseconds(span.StartTimeUtc)));
        Byte(b, p++, Duration);
        p = VarInt(b, p, ZigZag(span.Duration.Ticks / 10));

        if (count > 0)
        {
            Byte(b, p++, Tags);
            if (count <= 14)
            {
                Byte(b, p++, (byte)((count << 4) | StructListOf));
            }
            else
            {
                Byte(b, p++, (byte)(0xF0 | StructListOf));
                p = VarInt(b, p, (ulong)count);
            }

            // No more tags than the header counts, even if another thread sets one meanwhile (a value
            // that grew past the bound fails its room check, and the batcher drops this span alone).
            foreach (var tag in span.EnumerateTagObjects())
            {
                var value = tag.Value;
                if (value is null) continue;
                if (userTags-- == 0) break;
                var key = tag.Key;
                var text = value as string;
                Room(b, p, TagOverhead + 3 * (key.Length + (text?.Length ?? 0)));
                Byte(b, p++, TagKey);
                p = String(b, p, key);
                Byte(b, p++, TagVType);
                if (text is not null)
                {
                    Byte(b, p++, TypeString);
                    Byte(b, p++, TagVStr);
                    p = String(b, p, text);
                }
                else if (value is int number)
                {
                    // The commonest non-text value, written here: NonString's call and frame cost more than its work.
                    Byte(b, p++, TypeLong);
                    Byte(b, p++, TagLong);
                    p = VarInt(b, p, ZigZag(number));
                }
                else
                {
                    p = NonString(b, p, value);
                }

                Byte(b, p++, 0); // Tag stop
            }

            if (userTags > 0) throw new InvalidOperationException("the span's tags changed while it was serialized");
            if (codeTags is not null)
            {
                Buffer.BlockCopy(codeTags, 0, b, p, codeTags.Length);
                p += codeTags.Length;
            }

            p = derived.Write(b, p);
        }

        Room(b, p, 1);
        Byte(b, p++, 0); // Span stop
        buffer.Length = p;
        return true;
    }

    /// <summary>Writes a string tag (<c>vType</c> STRING); the derived tags use it.</summary>
    public static int StringTag(byte[] b, int p, string key, string value)
    {
        Room(b, p, TagOverhead + 3 * (key.Length + value.Length));
        Byte(b, p++, TagKey);
        p = String(b, p, key);
        Byte(b, p++, TagVType);
        Byte(b, p++, TypeString);
        Byte(b, p++, TagVStr);
        p = String(b, p, value);
        Byte(b, p++, 0);
        return p;
    }

    /// <summary>Writes a long tag (<c>vType</c> LONG).</summary>
    public static int LongTag(byte[] b, int p, string key, long value)
    {
        Room(b, p, TagOverhead + 3 * key.Length);
        Byte(b, p++, TagKey);
        p = String(b, p, key);
        Byte(b, p++, TagVType);
        Byte(b, p++, TypeLong);
        Byte(b, p++, TagLong);
        p = VarInt(b, p, ZigZag(value));
        Byte(b, p++, 0);
        return p;
    }

    /// <summary>Writes a bool tag (<c>vType</c> BOOL).</summary>
    public static int BoolTag(byte[] b, int p, string key, bool value)
    {
        Room(b, p, TagOverhead + 3 * key.Length);
        Byte(b, p++, TagKey);
        p = String(b, p, key);
        Byte(b, p++, TagVType);
        Byte(b, p++, TypeBool);
        Byte(b, p++, value ? TagBoolTrue : TagBoolFalse);
        Byte(b, p++, 0);
        return p;
    }

    /// <summary>The type and value fields of a long, double or bool tag value (ints are written inline); at most 11 bytes, room checked by the caller.</summary>
    private static int NonString(byte[] b, int p, object value)
    {
        switch (value)
        {
            case long l:
                Byte(b, p++, TypeLong);
                Byte(b, p++, TagLong);
                return VarInt(b, p, ZigZag(l));
            case double d:
                Byte(b, p++, TypeDouble);
                Byte(b, p++, TagDouble);
                BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(p, 8), BitConverter.DoubleToInt64Bits(d));
                return p + 8;
            case bool flag:
                Byte(b, p++, TypeBool);
                Byte(b, p++, flag ? TagBoolTrue : TagBoolFalse);
                return p;
            default:
                throw new InvalidOperationException("a tag's value changed type while the span was serialized");
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> certainly encodes to at most <paramref name="maxBytes"/>
    /// (3 bytes a char at most), and is short enough for the fast path at all (so the byte bound
    /// of a span cannot overflow).
    /// </summary>
    public static bool Fits(string value, int maxBytes) => value.Length <= MaxChars(maxBytes);

    /// <summary>The longest text <see cref="Fits"/> accepts, in chars.</summary>
    private static int MaxChars(int maxBytes) => Math.Min(maxBytes, MaxFastBytes) / 3;

    /// <summary>Jaeger's span flags: 1 sampled, 2 debug.</summary>
    public static int JaegerFlags(Activity span) =>
        ((span.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? 1 : 0) | (Propagation.JaegerDebug.IsDebug(span) ? 2 : 0);

    private static bool HasAny(Activity span)
    {
        foreach (var _ in span.EnumerateLinks()) return true;
        foreach (var _ in span.EnumerateEvents()) return true;
        return false;
    }

    private static ulong ZigZag(long value) => CompactVarInt.ZigZag(value);

    private static void Room(byte[] b, int p, int bytes) => RoomCheckedWriter.Room(b, p, bytes);

    private static void Byte(byte[] b, int p, byte value) => RoomCheckedWriter.Byte(b, p, value);

    private static int String(byte[] b, int p, string value) => RoomCheckedWriter.String(b, p, value);

    private static int VarInt(byte[] b, int p, ulong value) => RoomCheckedWriter.VarInt(b, p, value);
}
