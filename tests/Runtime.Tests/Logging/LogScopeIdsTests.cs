using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Instrumentation.Runtime.Tests.Logging;

/// <summary>
/// With ActivityTrackingOptions (which the hosting package turns on, and plain LoggerFactory users
/// set as below), every line written inside a traced method carries that span's ids in its scope.
/// </summary>
public sealed class LogScopeIdsTests
{
    [Fact]
    public void Lines_inside_a_traced_method_carry_its_trace_and_span_id()
    {
        using var agent = new UdpAgent();
        var lines = new ScopeCapturingLoggerProvider();
        Activity? placed = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Instrumentation.Runtime.Tests",
            ActivityStopped = a => { if (a.OperationName == "OrderService.Place") placed = a; },
        };
        ActivitySource.AddActivityListener(listener);
        using (var tracer = agent.Configure("orders", "Instrumentation.Runtime.Tests").Start())
        using (var logging = LoggerFactory.Create(b => b
            .Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId)
            .AddProvider(lines)))
        {
            new OrderService(logging.CreateLogger("Orders")).Place(7, 1.0, paid: false, "bo");
            logging.CreateLogger("Orders").LogInformation("after the call");
        }

        Assert.NotNull(placed);
        var inside = lines.Lines.Where(l => l.Message.StartsWith("Order 7", System.StringComparison.Ordinal) || l.Message.StartsWith("Payment", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(2, inside.Count);
        Assert.All(inside, l =>
        {
            Assert.Equal(placed.TraceId.ToHexString(), l.Scope["TraceId"]?.ToString());
            Assert.Equal(placed.SpanId.ToHexString(), l.Scope["SpanId"]?.ToString());
        });
        var after = Assert.Single(lines.Lines, l => l.Message == "after the call");
        Assert.False(after.Scope.ContainsKey("SpanId"));
    }
}
