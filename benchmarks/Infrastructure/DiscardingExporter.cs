using System.Diagnostics;
using System.Threading;
using OpenTelemetry;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// An OpenTelemetry exporter that keeps nothing: it counts the spans it is handed and returns
/// Success. Used instead of <c>InMemoryExporter&lt;Activity&gt;</c>, whose list grows without bound
/// in a benchmark loop (and whose growth would be charged to OpenTelemetry).
/// </summary>
internal sealed class DiscardingExporter : BaseExporter<Activity>
{
    private long exported;

    public long Exported => Interlocked.Read(ref exported);

    public override ExportResult Export(in Batch<Activity> batch)
    {
        Interlocked.Add(ref exported, batch.Count);
        return ExportResult.Success;
    }
}
