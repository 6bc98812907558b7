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

    /// <summary>
    /// Spans as a default <c>[Traced]</c> method makes them (the generated interceptor calls
    /// <see cref="TracedMethod.Start()"/>): the same two tags plus the three <c>code.*</c> tags, in
    /// traces of <paramref name="spansPerTrace"/> with a root and children of one method each.
    /// </summary>
    public static Activity[] CreateTraced(int count, int spansPerTrace)
    {
        using var source = new ActivitySource(SourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var getOrder = new TracedMethod(source, "OrderService.GetOrderAsync", ActivityKind.Internal,
            "MyCompany.Orders.OrderService.GetOrderAsync", "/src/MyCompany.Orders/Services/OrderService.cs", 42);
        var loadOrder = new TracedMethod(source, "OrderRepository.LoadOrderAsync", ActivityKind.Internal,
            "MyCompany.Orders.Data.OrderRepository.LoadOrderAsync", "/src/MyCompany.Orders/Data/OrderRepository.cs", 87);

        var spans = new Activity[count];
        var i = 0;
        while (i < count)
        {
            var root = getOrder.Start()!;
            AddTags(root, i);
            spans[i++] = root;
            for (var j = 1; j < spansPerTrace && i < count; j++)
            {
                var child = loadOrder.Start()!;
                AddTags(child, i);
                child.Stop();
                spans[i++] = child;
            }

            root.Stop();
        }

        return spans;
    }
}
