using System;
using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Diagnostics;
using Instrumentation.Propagation;
using Instrumentation.Reporting;
using Instrumentation.Sampling;
using Instrumentation.Senders;
using Instrumentation.Thrift;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Our exporter alone, wired exactly as <c>Tracer</c> wires it for UDP (compact <c>emitBatch</c>,
/// 65,000-byte packets, const sampler) but driven directly, without the listener and queue.
/// </summary>
internal sealed class JaegerUdpExporter : IDisposable
{
    private readonly IPacketTransport transport;

    public JaegerUdpExporter(string serviceName, IPacketTransport? transport = null, int port = 0)
    {
        var config = new TracerConfiguration(serviceName);
        var log = new RateLimitedLog(NullLogger.Instance, config.Reporter.ErrorLogInterval);
        Tags = new TagValueWriter(config.Reporter.MaxTagValueLength, Counters);
        ProcessTags = JaegerProcessSerializer.ProcessTags(config, Guid.NewGuid().ToString());
        Serializer = new JaegerSpanSerializer(Tags, new ConstSampler(true));
        this.transport = transport ?? new UdpTransport("127.0.0.1", port, log);
        Format = PacketFormat.CompactEmitBatch(serviceName, ProcessTags, Tags);
        Batcher = new SpanBatcher(PacketFormat.PerScope(compact: true, serviceName, ProcessTags, Tags), config.Reporter.MaxPacketSize, Serializer, this.transport, Counters, log);
    }

    public ReporterCounters Counters { get; } = new();

    public TagValueWriter Tags { get; }

    public IReadOnlyList<KeyValuePair<string, string>> ProcessTags { get; }

    public JaegerSpanSerializer Serializer { get; }

    public PacketFormat Format { get; }

    public SpanBatcher Batcher { get; }

    public void Export(Activity[] spans)
    {
        foreach (var span in spans) Batcher.Append(span);
        Batcher.Flush();
    }

    public void Dispose() => transport.Dispose();
}
