using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Instrumentation;
using Microsoft.Extensions.Logging;

namespace Greeter.Client;

/// <summary>Calls the greeter server; each method is a span, HttpClient adds the HTTP client span below it.</summary>
public sealed class GreeterClient(HttpClient http, ILogger logger)
{
    /// <summary>The trace's root: one greeting per name, in turn, so the waterfall reads top to bottom.</summary>
    [Traced]
    public async Task<List<string>> GreetEveryoneAsync(IReadOnlyList<string> names)
    {
        var greetings = new List<string>();
        foreach (var name in names) greetings.Add(await GreetAsync(name));
        using (Tracing.Block("sort-greetings")) // a custom block: a child span for a few lines of code
        {
            greetings.Sort(System.StringComparer.Ordinal);
        }

        return greetings;
    }

    [Traced]
    public async Task<string> GreetAsync([Tag("greeter.name")] string name)
    {
        logger.LogInformation("Asking the server to greet {Name}", name);
        var greeting = await http.GetStringAsync("greet/" + System.Uri.EscapeDataString(name));
        logger.LogInformation("Got {Greeting}", greeting);
        return greeting;
    }
}
