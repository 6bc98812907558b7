namespace Instrumentation.Thrift;

/// <summary>Complete Jaeger <c>Tag</c> structs, already encoded in one protocol, to copy into a tag list.</summary>
internal sealed class EncodedTags(int count, byte[] bytes)
{
    public int Count { get; } = count;

    public byte[] Bytes { get; } = bytes;
}
