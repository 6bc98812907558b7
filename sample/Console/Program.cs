// A greeter in the spirit of the go-micro example: it configures the tracer the way the Go code
// did (const sampler 1, LogSpans, 1 s flush, UDP to localhost:6831) and makes a few nested spans
// by hand. Every setting can be overridden with JAEGER_* variables, for example
//   JAEGER_AGENT_HOST=127.0.0.1 JAEGER_AGENT_PORT=6831 dotnet run --project sample/Console
using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));

var config = new TracerConfiguration("greeter")
{
    LoggerFactory = loggerFactory,
};
config.Sampler.Type = SamplerTypes.Const;
config.Sampler.Param = 1;
config.Reporter.LogSpans = true;
config.Reporter.BufferFlushInterval = TimeSpan.FromSeconds(1);
config.WithEnvironmentOverrides();

var tracer = config.Start();
var source = TracedSources.Create("Greeter", "1.0.0");

foreach (var name in new[] { "Ada", "Linus" })
{
    await Greeter.HelloAsync(source, name);
}

try
{
    await Greeter.HelloAsync(source, "");
}
catch (ArgumentException e)
{
    Console.WriteLine($"(expected) {e.Message}");
}

tracer.Dispose(); // flushes every queued span to the agent
var sender = config.Sender.Endpoint?.ToString() ?? $"udp://{config.Sender.AgentHost}:{config.Sender.AgentPort}";
Console.WriteLine($"Sent to {sender}: {tracer.Counters}");
Console.WriteLine("With a Jaeger agent on that address, open http://localhost:16686 and search service 'greeter'.");

internal static class Greeter
{
    public static async Task<string> HelloAsync(ActivitySource source, string name)
    {
        using var span = source.StartActivity("Greeter.Hello", ActivityKind.Server);
        span?.SetTag("greeter.name.length", name.Length);
        try
        {
            if (name.Length == 0) throw new ArgumentException("a name is required", nameof(name));
            var profile = await LoadProfileAsync(source, name);
            return $"Hello {name} ({profile})";
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            span?.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
            {
                ["exception.type"] = e.GetType().FullName,
                ["exception.message"] = e.Message,
            }));
            throw;
        }
    }

    private static async Task<string> LoadProfileAsync(ActivitySource source, string name)
    {
        using var span = source.StartActivity("Greeter.LoadProfile");
        using (var query = source.StartActivity("db.query", ActivityKind.Client))
        {
            query?.SetTag("db.system", "sqlite");
            await Task.Delay(15);
            query?.AddEvent(new ActivityEvent("rows", tags: new ActivityTagsCollection { ["count"] = 1 }));
        }

        await Task.Delay(5);
        return name.Length % 2 == 0 ? "regular" : "premium";
    }
}
