using System.Collections.Generic;
using System.Threading.Tasks;
using Greeter.Contract;
using Grpc.Core;
using Instrumentation;
using Microsoft.Extensions.Logging;

namespace Greeter.Client;

/// <summary>
/// Calls the greeter server over gRPC; each method is a span, and Grpc.Net.Client adds the gRPC
/// client span (<c>greeter.Say/Hello</c>) below it, with HttpClient's HTTP/2 request below that.
/// </summary>
public sealed class GreeterClient(Say.SayClient say, ILogger logger)
{
    /// <summary>The trace's root: one greeting per name, in turn, then one for everyone and one in several languages.</summary>
    [Traced]
    public async Task<List<string>> GreetEveryoneAsync(IReadOnlyList<string> names)
    {
        var greetings = new List<string>();
        foreach (var name in names) greetings.Add(await GreetAsync(name));
        greetings.Add(await GreetTogetherAsync(names));
        greetings.AddRange(await GreetInLanguagesAsync(names[0]));
        using (Tracing.Block("sort-greetings")) // a custom block: a child span for a few lines of code
        {
            greetings.Sort(System.StringComparer.Ordinal);
        }

        return greetings;
    }

    /// <summary>A unary call.</summary>
    [Traced]
    public async Task<string> GreetAsync([Tag("greeter.name")] string name)
    {
        logger.LogInformation("Asking the server to greet {Name}", name);
        var reply = await say.HelloAsync(new HelloRequest { Name = name });
        logger.LogInformation("Got {Greeting}", reply.Greeting);
        return reply.Greeting;
    }

    /// <summary>A client-streaming call: the names go up one message each.</summary>
    [Traced]
    public async Task<string> GreetTogetherAsync(IReadOnlyList<string> names)
    {
        using var call = say.HelloAll();
        foreach (var name in names) await call.RequestStream.WriteAsync(new HelloRequest { Name = name });
        await call.RequestStream.CompleteAsync();
        return (await call.ResponseAsync).Greeting;
    }

    /// <summary>A server-streaming call: the greetings come down one message each.</summary>
    [Traced]
    public async Task<List<string>> GreetInLanguagesAsync([Tag("greeter.name")] string name)
    {
        using var call = say.HelloInLanguages(new HelloRequest { Name = name });
        var greetings = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync()) greetings.Add(reply.Greeting);
        return greetings;
    }
}
