using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Instrumentation.Package.Tests.Support;

/// <summary>A span as <c>LogSpans</c> prints it: "Reporting span {trace}:{span}:{parent}:{flags} {operation} {ms} ms".</summary>
internal sealed record SpanLine(string TraceId, string SpanId, string ParentId, string Operation)
{
    private static readonly Regex Pattern = new(@"Reporting span (?<trace>[0-9a-f]+):(?<span>[0-9a-f]+):(?<parent>[0-9a-f]+):1 (?<op>.+?) [0-9.]+ ms");

    public static IReadOnlyList<SpanLine> Parse(string output) =>
        Pattern.Matches(output)
            .Select(m => new SpanLine(m.Groups["trace"].Value, m.Groups["span"].Value, m.Groups["parent"].Value, m.Groups["op"].Value))
            .ToList();
}
