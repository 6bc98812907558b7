using System.Threading.Tasks;
using Instrumentation;

namespace Greeter.Server;

/// <summary>The service behind <c>GET /greet/{name}</c>; each call is a child span of the request's server span.</summary>
public sealed class Greeter
{
    [Traced]
    public async Task<string> HelloAsync([Tag("greeter.name")] string name)
    {
        await Task.Delay(10); // stands in for a lookup, so the span has a visible duration
        using (Tracing.Block("compose-greeting"))
        {
            return $"Hello {name}";
        }
    }
}
