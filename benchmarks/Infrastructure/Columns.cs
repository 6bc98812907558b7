using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>A column computed per benchmark row from the summary.</summary>
internal abstract class ComputedColumn(string id, string name, string legend) : IColumn
{
    public string Id => id;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase);

    protected static double? Mean(Summary summary, BenchmarkCase? benchmarkCase) =>
        benchmarkCase is null ? null : summary[benchmarkCase]?.ResultStatistics?.Mean;
}

/// <summary>Mean time of this row divided by the mean of the named benchmark (e.g. OpenTelemetry's).</summary>
internal sealed class RatioToColumn(string method, string name)
    : ComputedColumn("RatioTo" + method, name, $"Mean of this row / mean of {method} (lower is faster)")
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var target = summary.Reports.Select(r => r.BenchmarkCase).FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod.Name == method &&
            c.Descriptor.Type == benchmarkCase.Descriptor.Type &&
            c.Job == benchmarkCase.Job &&
            c.Parameters.FolderInfo == benchmarkCase.Parameters.FolderInfo);
        var mine = Mean(summary, benchmarkCase);
        var theirs = Mean(summary, target);
        return mine is null || theirs is null or 0 ? "?" : (mine.Value / theirs.Value).ToString("0.00", CultureInfo.InvariantCulture);
    }
}

/// <summary>Operations (spans) per second: 1 s / mean time per operation.</summary>
internal sealed class SpansPerSecondColumn() : ComputedColumn("SpansPerSecond", "Spans/s", "Spans per second on one thread (1 s / Mean)")
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = Mean(summary, benchmarkCase);
        return mean is null or 0 ? "?" : (1e9 / mean.Value).ToString("N0", CultureInfo.InvariantCulture);
    }
}

/// <summary>Bytes on the wire per span for the exporter data set (see <see cref="WireStats"/>).</summary>
internal sealed class WireBytesColumn() : ComputedColumn("WireBytes", "Wire B/span", "Bytes on the wire per span: UDP datagram bytes (ours) or HTTP body bytes (OTLP), divided by spans")
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        try
        {
            var stats = WireStats.Value;
            return benchmarkCase.Descriptor.WorkloadMethod.Name switch
            {
                nameof(ExporterBenchmarks.Ours) => stats.OursBytesPerSpan.ToString("0.0", CultureInfo.InvariantCulture),
                nameof(ExporterBenchmarks.OtlpHttpProtobuf) => stats.OtlpBytesPerSpan.ToString("0.0", CultureInfo.InvariantCulture),
                _ => "-",
            };
        }
        catch (Exception e)
        {
            return "error: " + e.GetType().Name;
        }
    }
}
