using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greeter.Server;

/// <summary>
/// go-micro's subscriber: handles each <see cref="Greeted"/> message in a consumer span that continues
/// the publisher's trace, read from the message's headers by the generated wrapper (<c>[TraceContext]</c>).
/// On shutdown it handles every message already published before it stops.
/// </summary>
public sealed class GreetingSubscriber(GreetingEvents events, ILogger<GreetingSubscriber> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in events.Reader.ReadAllAsync(CancellationToken.None)) Handle(message.Name, message.Headers);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        events.Complete();
        return base.StopAsync(cancellationToken);
    }

    [Traced("greeted process", Kind = ActivityKind.Consumer)]
    internal void Handle([Tag("greeter.name")] string name, [TraceContext] IReadOnlyDictionary<string, string> headers) =>
        logger.LogInformation("Recorded that {Name} was greeted", name);
}
