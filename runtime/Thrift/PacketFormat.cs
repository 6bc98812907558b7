using System;
using System.Collections.Generic;

namespace Instrumentation.Thrift;

/// <summary>
/// How a batch of serialized spans is framed for one transport. Everything before the span list
/// (message header, process) is serialized once; only the list header depends on the count.
/// </summary>
internal abstract class PacketFormat
{
    protected PacketFormat(byte[] prefix, byte[] suffix)
    {
        Prefix = prefix;
        Suffix = suffix;
    }

    /// <summary>Bytes up to and including the span list's field header.</summary>
    public byte[] Prefix { get; }

    /// <summary>Bytes after the last span: the stop bytes of the enclosing structs.</summary>
    public byte[] Suffix { get; }

    public abstract int MaxListHeaderSize { get; }

    public abstract int ListHeaderSize(int count);

    public abstract IThriftWriter CreateWriter(ByteBuffer buffer);

    /// <summary>Total packet size for <paramref name="count"/> spans taking <paramref name="spanBytes"/>.</summary>
    public int PacketSize(int count, int spanBytes) => Prefix.Length + ListHeaderSize(count) + spanBytes + Suffix.Length;

    /// <summary>
    /// The frames for each scope's packets: the process tags plus <c>otel.scope.name</c> and
    /// <c>otel.scope.version</c> of the spans' source, so the scope is sent once per packet, not
    /// once per span. A scope whose tags would leave too little of a packet for spans (a frame over
    /// <paramref name="maxFrameSize"/>) is sent without them rather than losing every span.
    /// </summary>
    public static Func<System.Diagnostics.ActivitySource, PacketFormat> PerScope(
        bool compact, string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags, int maxFrameSize = int.MaxValue) =>
        source =>
        {
            var scoped = new List<KeyValuePair<string, string>>(processTags);
            if (source.Name.Length > 0) scoped.Add(new(ScopeNameTag, source.Name));
            if (!string.IsNullOrEmpty(source.Version)) scoped.Add(new(ScopeVersionTag, source.Version!));
            var format = For(compact, serviceName, scoped, tags);
            return format.PacketSize(0, 0) <= maxFrameSize ? format : For(compact, serviceName, processTags, tags);
        };

    /// <summary>UDP to an agent (<see cref="CompactEmitBatch"/>) when <paramref name="compact"/>, else HTTP to a collector (<see cref="BinaryBatch"/>).</summary>
    public static PacketFormat For(bool compact, string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags) =>
        compact ? CompactEmitBatch(serviceName, processTags, tags) : BinaryBatch(serviceName, processTags, tags);

    public const string ScopeNameTag = "otel.scope.name", ScopeVersionTag = "otel.scope.version";

    /// <summary>UDP to an agent: a compact-protocol oneway <c>Agent.emitBatch(Batch)</c> call.</summary>
    public static PacketFormat CompactEmitBatch(string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags) =>
        new Compact(serviceName, processTags, tags);

    /// <summary>HTTP to a collector: a bare binary-protocol <c>Batch</c>.</summary>
    public static PacketFormat BinaryBatch(string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags) =>
        new Binary(serviceName, processTags, tags);

    private sealed class Compact : PacketFormat
    {
        public Compact(string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags)
            : base(BuildPrefix(serviceName, processTags, tags), [0, 0]) // stop of Batch, stop of emitBatch_args
        {
        }

        public override int MaxListHeaderSize => 6;

        public override int ListHeaderSize(int count) => ThriftCompactWriter.ListHeaderSize(count);

        public override IThriftWriter CreateWriter(ByteBuffer buffer) => new ThriftCompactWriter(buffer);

        private static byte[] BuildPrefix(string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags)
        {
            var buffer = new ByteBuffer(256);
            var w = new ThriftCompactWriter(buffer);
            w.OnewayMessageBegin("emitBatch", 0);
            w.StructBegin(); // emitBatch_args
            w.Field(JaegerSchema.EmitBatchArgs.Batch);
            w.StructBegin(); // Batch
            w.Field(JaegerSchema.Batch.Process);
            JaegerProcessSerializer.Write(w, serviceName, processTags, tags);
            w.Field(JaegerSchema.Batch.Spans);
            return buffer.Data.AsSpan(0, buffer.Length).ToArray();
        }
    }

    private sealed class Binary : PacketFormat
    {
        public Binary(string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags)
            : base(BuildPrefix(serviceName, processTags, tags), [0]) // stop of Batch
        {
        }

        public override int MaxListHeaderSize => ThriftBinaryWriter.ListHeaderSize;

        public override int ListHeaderSize(int count) => ThriftBinaryWriter.ListHeaderSize;

        public override IThriftWriter CreateWriter(ByteBuffer buffer) => new ThriftBinaryWriter(buffer);

        private static byte[] BuildPrefix(string serviceName, IReadOnlyList<KeyValuePair<string, string>> processTags, TagValueWriter tags)
        {
            var buffer = new ByteBuffer(256);
            var w = new ThriftBinaryWriter(buffer);
            w.Field(JaegerSchema.Batch.Process);
            JaegerProcessSerializer.Write(w, serviceName, processTags, tags);
            w.Field(JaegerSchema.Batch.Spans);
            return buffer.Data.AsSpan(0, buffer.Length).ToArray();
        }
    }
}
