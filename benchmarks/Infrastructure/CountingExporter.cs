using System.Diagnostics;
using System.Threading;
using OpenTelemetry;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Wraps a real exporter (OTLP) and counts the spans that reach it, and those it exported
/// successfully: the spans the batch processor did not drop.
/// </summary>
internal sealed class CountingExporter(BaseExporter<Activity> inner) : BaseExporter<Activity>
{
    private long offered;
    private long exported;

    public long Offered => Interlocked.Read(ref offered);

    public long Exported => Interlocked.Read(ref exported);

    public override ExportResult Export(in Batch<Activity> batch)
    {
        Interlocked.Add(ref offered, batch.Count);
        var result = inner.Export(batch);
        if (result == ExportResult.Success) Interlocked.Add(ref exported, batch.Count);
        return result;
    }

    protected override bool OnForceFlush(int timeoutMilliseconds) => inner.ForceFlush(timeoutMilliseconds);

    protected override bool OnShutdown(int timeoutMilliseconds) => inner.Shutdown(timeoutMilliseconds);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
