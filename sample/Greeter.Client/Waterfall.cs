using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Greeter.Client;

/// <summary>
/// Prints one trace as a text waterfall: each span indented under its parent, with a bar placed
/// and sized on the trace's own timeline, and its duration; under each span its logs, each marked
/// at its moment with its time since the span began.
/// </summary>
public static class Waterfall
{
    private const int BarWidth = 40;
    private const int LabelWidth = 68;

    public static string Render(IReadOnlyList<ReceivedSpan> spans)
    {
        var start = spans.Min(s => s.StartMicros);
        var total = Math.Max(1, spans.Max(s => s.StartMicros + s.DurationMicros) - start);
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var children = spans.ToLookup(s => ids.Contains(s.ParentSpanId) ? s.ParentSpanId : "");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"trace {spans[0].TraceId}: {spans.Count} spans, {Ms(total)}");

        void Write(ReceivedSpan span, int depth)
        {
            var label = $"{new string(' ', depth * 2)}{span.Service}: {Describe(span)}";
            if (label.Length > LabelWidth) label = label.Substring(0, LabelWidth - 1) + "~";
            var offset = (int)((span.StartMicros - start) * BarWidth / total);
            var width = Math.Max(1, (int)Math.Round((double)span.DurationMicros * BarWidth / total));
            width = Math.Min(width, BarWidth - offset);
            var bar = new string(' ', offset) + new string('#', Math.Max(1, width));
            text.AppendLine(CultureInfo.InvariantCulture, $"{label.PadRight(LabelWidth)} |{bar.PadRight(BarWidth)}| {Ms(span.DurationMicros),10}");
            foreach (var log in span.Logs.OrderBy(l => l.TimestampMicros))
            {
                // A log: a '*' at its moment on the timeline, and its time since the span began.
                var at = (int)Math.Min(BarWidth - 1, (log.TimestampMicros - start) * BarWidth / total);
                var line = $"{new string(' ', depth * 2 + 2)}- {log.Text}";
                if (line.Length > LabelWidth) line = line.Substring(0, LabelWidth - 1) + "~";
                var mark = (new string(' ', at) + "*").PadRight(BarWidth);
                text.AppendLine(CultureInfo.InvariantCulture, $"{line.PadRight(LabelWidth)} |{mark}| {"+" + Ms(log.TimestampMicros - span.StartMicros),10}");
            }

            foreach (var child in children[span.SpanId].OrderBy(c => c.StartMicros)) Write(child, depth + 1);
        }

        foreach (var root in children[""].OrderBy(r => r.StartMicros)) Write(root, 0);
        return text.ToString();
    }

    // gRPC spans read best as "greeter.Say/Hello grpc 0 (server)", HTTP ones as "POST /greeter.Say/Hello 200
    // (client)"; others by their operation name.
    private static string Describe(ReceivedSpan span)
    {
        var kind = span.Tags.GetValueOrDefault("span.kind", "internal");
        if (span.Tags.TryGetValue("rpc.grpc.status_code", out var code)) return $"{span.Operation} grpc {code} ({kind})";
        if (!span.Tags.TryGetValue("http.request.method", out var method)) return span.Operation;
        var target = span.Tags.TryGetValue("http.route", out var route) ? route
            : span.Tags.TryGetValue("url.full", out var url) ? new Uri(url).AbsolutePath
            : span.Tags.GetValueOrDefault("url.path", "");
        var status = span.Tags.GetValueOrDefault("http.response.status_code", "");
        return $"{method} {target} {status} ({kind})";
    }

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
