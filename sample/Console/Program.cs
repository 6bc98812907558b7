// A greeter in the spirit of the go-micro example. The tracer is configured the way the Go code
// did it (const sampler 1, LogSpans, 1 s flush, UDP to localhost:6831); every setting can be
// overridden with JAEGER_* variables, for example
//   JAEGER_AGENT_HOST=127.0.0.1 JAEGER_AGENT_PORT=6831 dotnet run --project sample/Console
// The spans come from [Traced] methods and one Tracing.Block: no span code is written by hand.
using System;
using System.Threading.Tasks;
using Instrumentation;
using Instrumentation.Sample;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));

var config = new TracerConfiguration("greeter") { LoggerFactory = loggerFactory };
config.Sampler.Type = SamplerTypes.Const;
config.Sampler.Param = 1;
config.Reporter.LogSpans = true;
config.Reporter.BufferFlushInterval = TimeSpan.FromSeconds(1);
var tracer = config.WithEnvironmentOverrides().Start();

var greeter = new Greeter(new ProfileStore());
foreach (var name in new[] { "Ada", "Linus" })
{
    Console.WriteLine(await greeter.HelloAsync(name));
}

try
{
    await greeter.HelloAsync("");
}
catch (ArgumentException e)
{
    Console.WriteLine($"(expected) {e.Message}");
}

tracer.Dispose(); // flushes every queued span, like Go's closer.Close()
var sender = config.Sender.Endpoint?.ToString() ?? $"udp://{config.Sender.AgentHost}:{config.Sender.AgentPort}";
Console.WriteLine($"Sent to {sender}: {tracer.Counters}");
Console.WriteLine("With a Jaeger agent on that address, open http://localhost:16686 and search service 'greeter'.");
