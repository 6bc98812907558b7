using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Runtime.Tests.Logging;

/// <summary>Traced code that logs, as an application would; the generator wraps its calls in spans.</summary>
public sealed class OrderService(ILogger logger)
{
    [Traced]
    public void Place(long orderId, double price, bool paid, string customer)
    {
        logger.LogInformation("Order {OrderId} costs {Price} paid {Paid} by {Customer}", orderId, price, paid, customer);
        try
        {
            throw new InvalidOperationException("card declined");
        }
        catch (InvalidOperationException e)
        {
            logger.LogError(new EventId(7, "PaymentFailed"), e, "Payment for {OrderId} failed", orderId);
        }
    }

    [Traced]
    public async Task CheckoutAsync() => await PlaceAsync();

    /// <summary>Async: its span ends in a continuation, where the current span is the caller's.</summary>
    [Traced]
    public async Task PlaceAsync()
    {
        await Task.Yield();
        logger.LogInformation("Placing {OrderId}", 3);
    }

    [Traced]
    public void Chatty(int records)
    {
        for (var i = 0; i < records; i++) logger.LogInformation("Record {Index}", i);
    }

    [Traced]
    public void Quiet() => logger.LogDebug("Filtered out {Value}", 1);
}
