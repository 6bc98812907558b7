using System;
using System.Diagnostics;
using Instrumentation.Benchmarks.Infrastructure;
using Instrumentation.Propagation;
using Instrumentation.Thrift;

namespace Instrumentation.Benchmarks;

internal static class ProfileSerialize
{
    public static int Run()
    {
        var spans = SpanFactory.Create(10_000, 10);
        using var ours = new JaegerUdpExporter("bench", new DiscardingTransport());
        var buffer = new ByteBuffer(1 << 20);
        var w = new ThriftCompactWriter(buffer);
        if (Environment.GetEnvironmentVariable("PROFILE_LOOP") is not null)
        {
            for (var i = 0; i < 3000; i++)
            {
                buffer.Length = 0;
                foreach (var s in spans) ours.Serializer.Write(w, s);
            }

            return 0;
        }

        var otlpHandler = new DiscardingHttpHandler();
        using var otlp = OtlpFactory.CreateSerializeOnly(otlpHandler);
        var batch = new OpenTelemetry.Batch<Activity>(spans, spans.Length);
        for (var round = 0; round < 6; round++)
        {
            Time("export", 100, () => ours.Export(spans));
            // OTLP's serializer with its HTTP client pipeline, no socket (the ExporterBenchmarks row
            // OtlpSerializeOnly), in thread CPU like ours: work it leaves to other threads is not charged.
            Time("otlp serialize-only", 100, () => otlp.Export(batch));
            Time("serializer only", 100, () =>
            {
                buffer.Length = 0;
                foreach (var s in spans) ours.Serializer.Write(w, s);
            });
            Time("field reads", 100, () =>
            {
                long sum = 0;
                foreach (var s in spans)
                {
                    sum += s.TraceId.ToHexString().Length + s.SpanId.ToHexString().Length + s.ParentSpanId.ToHexString().Length;
                    sum += s.DisplayName.Length + s.StartTimeUtc.Ticks + s.Duration.Ticks + (int)s.Kind + (int)s.Status;
                    foreach (var t in s.EnumerateTagObjects()) sum += t.Key.Length;
                    foreach (var _ in s.EnumerateLinks()) sum++;
                    foreach (var _ in s.EnumerateEvents()) sum++;
                    sum += s.Parent is null ? 1 : 0;
                }
                GC.KeepAlive(sum);
            });
            Time("ids decode (3 per span)", 100, () =>
            {
                long sum = 0;
                foreach (var s in spans)
                {
                    JaegerIds.Split(s.TraceId, out var h, out var l);
                    sum += h + l + JaegerIds.ToLong(s.SpanId) + JaegerIds.ToLong(s.ParentSpanId);
                }
                GC.KeepAlive(sum);
            });
            Console.WriteLine();
        }
        return 0;

        void Time(string label, int reps, Action a)
        {
            a();
            var cpu = ThreadCpu.Now();
            for (var i = 0; i < reps; i++) a();
            Console.WriteLine($"{label}: {(ThreadCpu.Now() - cpu).TotalNanoseconds / reps / spans.Length:0.0} ns/span");
        }
    }
}
