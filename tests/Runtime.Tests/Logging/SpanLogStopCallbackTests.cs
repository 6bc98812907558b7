using System.Linq;
using Instrumentation.Logging;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests.Logging;

/// <summary>
/// LogSpans writes its line while the span stops, through the same logger factory that has the
/// span-log provider. That line must not be added to the span (which the reporter may already be
/// serializing on its own thread), and the span must still arrive intact.
/// </summary>
public sealed class SpanLogStopCallbackTests
{
    [Fact]
    public void LogSpans_lines_written_at_stop_are_not_attached_to_the_stopping_span()
    {
        using var agent = new UdpAgent();
        var provider = new SpanLogProvider();
        using (var logging = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            var config = agent.Configure("orders", "Instrumentation.Runtime.Tests");
            config.LoggerFactory = logging;
            config.Reporter.LogSpans = true;
            using var tracer = config.Start();
            new OrderService(logging.CreateLogger("Orders")).Place(1, 2.0, paid: true, "cy");
        }

        var span = agent.WaitForSpans(1).SelectMany(b => b.Spans).Single(s => s.OperationName == "OrderService.Place");
        Assert.Equal(2, span.Logs.Count); // the two records written inside the method, no "Reporting span" line
        Assert.DoesNotContain(span.Logs, l => ((string)l["message"]!).StartsWith("Reporting span", System.StringComparison.Ordinal));
    }
}
