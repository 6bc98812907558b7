using System.Diagnostics;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Builds finished spans for the exporter benchmarks: traces of one root and its children, every
/// span with the same two tags (<c>order.id</c> an int, <c>http.method</c> a short string).
/// </summary>
internal static class SpanFactory
{
    public const string SourceName = "Bench.Exporter";

    public static Activity[] Create(int count, int spansPerTrace)
    {
        using var source = new ActivitySource(SourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var spans = new Activity[count];
        var i = 0;
        while (i < count)
        {
            var root = source.StartActivity("GetOrder")!;
            AddTags(root, i);
            spans[i++] = root;
            for (var j = 1; j < spansPerTrace && i < count; j++)
            {
                var child = source.StartActivity("LoadOrder")!;
                AddTags(child, i);
                child.Stop();
                spans[i++] = child;
            }

            root.Stop();
        }

        return spans;
    }

    public static void AddTags(Activity span, int i)
    {
        span.SetTag("order.id", i);
        span.SetTag("http.method", "GET");
    }
}
