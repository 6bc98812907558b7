using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Logging;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests.Logging;

/// <summary>
/// LogSpans writes its line while the span stops, through the same logger factory that has the
/// span-log provider. That line must not become a log of the stopping span (which the reporter may
/// already be serializing on its own thread) nor of its parent: the tracer's own lines are not
/// application logs.
/// </summary>
public sealed class SpanLogStopCallbackTests
{
    [Fact]
    public async Task LogSpans_lines_written_at_stop_are_not_attached_to_any_span()
    {
        using var agent = new UdpAgent();
        var provider = new SpanLogProvider();
        using (var logging = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            var config = agent.Configure("orders", "Instrumentation.Runtime.Tests");
            config.LoggerFactory = logging;
            config.Reporter.LogSpans = true;
            using var tracer = config.Start();
            var orders = new OrderService(logging.CreateLogger("Orders"));
            orders.Place(1, 2.0, paid: true, "cy");
            await orders.CheckoutAsync();
        }

        var spans = agent.WaitForSpans(3).SelectMany(b => b.Spans).ToList();
        var place = spans.Single(s => s.OperationName == "OrderService.Place");
        var placeAsync = spans.Single(s => s.OperationName == "OrderService.PlaceAsync");
        var checkout = spans.Single(s => s.OperationName == "OrderService.CheckoutAsync");
        Assert.Equal(checkout.SpanId, placeAsync.ParentSpanId);
        Assert.Equal(2, place.Logs.Count);      // the two records written inside it, no "Reporting span" line
        Assert.Single(placeAsync.Logs);          // its own record only
        Assert.Empty(checkout.Logs);             // not the child's line, written when the child's task completed
        Assert.Equal(0, provider.DroppedEvents);
    }
}
