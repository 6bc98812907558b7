using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation;
using Microsoft.Extensions.Logging;

namespace Greeter.Server;

/// <summary>
/// The greeter's logic behind the gRPC service (<see cref="SayService"/>). Each call is a child span
/// of the call's server span; its log lines carry the span's ids (console scopes) and become the
/// span's logs in Jaeger. Every greeting is announced on <see cref="GreetingEvents"/>.
/// </summary>
public sealed class Greeter(GreetingEvents events, ILogger<Greeter> logger)
{
    [Traced]
    public async Task<string> HelloAsync([Tag("greeter.name")] string name)
    {
        logger.LogInformation("Looking up a greeting for {Name}", name);
        await Task.Delay(10); // stands in for a lookup, so the span has a visible duration
        string greeting;
        using (Tracing.Block("compose-greeting"))
        {
            greeting = $"Hello {name}";
            logger.LogInformation("Composed {Length} characters", greeting.Length);
        }

        events.Publish(name, new Dictionary<string, string>()); // the producer span fills in the headers
        return greeting;
    }

    [Traced]
    public string HelloAll(IReadOnlyList<string> names) =>
        names.Count <= 1 ? $"Hello {string.Concat(names)}" : $"Hello {string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
