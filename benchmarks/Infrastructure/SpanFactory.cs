using System;
using System.Diagnostics;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Builds finished spans for the exporter benchmarks: traces of one root and its children, every
/// span with the same two tags (<c>order.id</c> an int, <c>http.method</c> a short string).
/// </summary>
internal static class SpanFactory
{
    public const string SourceName = "Bench.Exporter";

    public static Activity[] Create(int count, int spansPerTrace) =>
        Build(count, spansPerTrace, source => (() => source.StartActivity("GetOrder")!, () => source.StartActivity("LoadOrder")!));

    /// <summary>
    /// Spans as a default <c>[Traced]</c> method makes them while a tracer runs (the generated
    /// interceptor calls <see cref="TracedMethod.Start()"/>): the same two tags, and the three
    /// <c>code.*</c> tags written by the reporter from the method's one copy of them. With
    /// <paramref name="codeTagsOnActivity"/>, the tags are on each Activity (as any other pipeline,
    /// OpenTelemetry's, needs them).
    /// </summary>
    public static Activity[] CreateTraced(int count, int spansPerTrace, bool codeTagsOnActivity = false)
    {
        if (codeTagsOnActivity) return CreateTracedSpans(count, spansPerTrace);
        CodeLocations.TracerStarted(tagsOnActivity: false); // as a running tracer does
        try
        {
            return CreateTracedSpans(count, spansPerTrace);
        }
        finally
        {
            CodeLocations.TracerStopped(tagsOnActivity: false);
        }
    }

    private static Activity[] CreateTracedSpans(int count, int spansPerTrace) =>
        Build(count, spansPerTrace, source =>
        {
            var getOrder = new TracedMethod(source, "OrderService.GetOrderAsync", ActivityKind.Internal,
                "MyCompany.Orders.OrderService.GetOrderAsync", "/src/MyCompany.Orders/Services/OrderService.cs", 42);
            var loadOrder = new TracedMethod(source, "OrderRepository.LoadOrderAsync", ActivityKind.Internal,
                "MyCompany.Orders.Data.OrderRepository.LoadOrderAsync", "/src/MyCompany.Orders/Data/OrderRepository.cs", 87);
            return (() => getOrder.Start()!, () => loadOrder.Start()!);
        });

    public static void AddTags(Activity span, int i)
    {
        span.SetTag("order.id", i);
        span.SetTag("http.method", "GET");
    }

    private static Activity[] Build(int count, int spansPerTrace, Func<ActivitySource, (Func<Activity> Root, Func<Activity> Child)> starters)
    {
        using var source = new ActivitySource(SourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var (startRoot, startChild) = starters(source);

        var spans = new Activity[count];
        var i = 0;
        while (i < count)
        {
            var root = startRoot();
            AddTags(root, i);
            spans[i++] = root;
            for (var j = 1; j < spansPerTrace && i < count; j++)
            {
                var child = startChild();
                AddTags(child, i);
                child.Stop();
                spans[i++] = child;
            }

            root.Stop();
        }

        return spans;
    }
}
