using System.Threading.Tasks;
using Instrumentation;
using Microsoft.Extensions.Logging;

namespace Greeter.Server;

/// <summary>
/// The service behind <c>GET /greet/{name}</c>; each call is a child span of the request's server
/// span. Its log lines carry the span's ids (console scopes) and become the span's logs in Jaeger.
/// </summary>
public sealed class Greeter(ILogger<Greeter> logger)
{
    [Traced]
    public async Task<string> HelloAsync([Tag("greeter.name")] string name)
    {
        logger.LogInformation("Looking up a greeting for {Name}", name);
        await Task.Delay(10); // stands in for a lookup, so the span has a visible duration
        using (Tracing.Block("compose-greeting"))
        {
            var greeting = $"Hello {name}";
            logger.LogInformation("Composed {Length} characters", greeting.Length);
            return greeting;
        }
    }
}
