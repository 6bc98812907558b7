// The greeter client (go-micro's greeter, ported) and the main job in one command:
//   dotnet run --project sample/Greeter.Client
// It starts the greeter server as a child process, greets a few names over gRPC (unary,
// client-streaming and server-streaming calls) from [Traced] methods, stops the server (which
// flushes its spans), and prints the one trace the two
// processes made as a waterfall. Both report to a relay on 127.0.0.1 that forwards every datagram to
// the agent named by JAEGER_AGENT_HOST/JAEGER_AGENT_PORT (default localhost:6831), so a Jaeger running
// there shows the same trace.
using System;
using System.Linq;
using System.Net.Http;
using Greeter.Client;
using Greeter.Contract;
using Grpc.Net.Client;
using Instrumentation;
using Microsoft.Extensions.Logging;

var timeout = TimeSpan.FromSeconds(30);
// Console lines written inside a span show its trace and span ids; records inside sampled spans
// also become the spans' logs (shown in Jaeger and in the waterfall below).
using var loggerFactory = LoggerFactory.Create(logging => logging
    .Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId)
    .AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; })
    .AddSpanLogs());

// The Go client's settings, JAEGER_* variables applied; the agent they name is where the relay forwards.
var config = new TracerConfiguration("greeter-client") { LoggerFactory = loggerFactory };
config.Sources.Add("Grpc.Net.Client"); // gRPC client spans, named "greeter.Say/Hello" with the RPC tags
config.Sources.Add("System.Net.Http"); // and the HTTP/2 request under each (it also gives the server's address)
config.Reporter.LogSpans = true;
config.WithEnvironmentOverrides();
var (agentHost, agentPort) = (config.Sender.AgentHost, config.Sender.AgentPort);

using var relay = new SpanRelay(agentHost, agentPort);
config.Sender.AgentHost = "127.0.0.1";
config.Sender.AgentPort = relay.Port;
config.Sender.Endpoint = null; // the relay hears UDP only

var (server, address) = await ServerProcess.StartAsync("127.0.0.1", relay.Port, timeout);
using (server)
{
    var tracer = config.Start();
    // Created after the tracer started: HttpClient handlers take the trace context formats current at
    // their creation. The server is on this machine: never through an HTTP_PROXY set for the outside world.
    using (var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } }))
    {
        var client = new GreeterClient(new Say.SayClient(channel), loggerFactory.CreateLogger<GreeterClient>());
        var greetings = await client.GreetEveryoneAsync(["Ada", "Grace", "Linus"]);
        foreach (var greeting in greetings) Console.WriteLine(greeting);
    }

    await server.StopAsync(timeout); // the server's host flushes its spans before it exits
    tracer.Dispose();                // and so does ours
    var expected = server.PacketsSent + tracer.Counters.PacketsSent;
    if (!relay.WaitForDatagrams(expected, timeout))
        Console.WriteLine($"only {relay.Received} of {expected} span datagrams arrived");
}

Console.WriteLine();
foreach (var trace in (await relay.DecodeAllAsync()).GroupBy(s => s.TraceId).OrderBy(t => t.Min(s => s.StartMicros)))
{
    Console.Write(Waterfall.Render(trace.ToList()));
    Console.WriteLine($"With Jaeger on {agentHost}:{agentPort} (UI on its default port): http://localhost:16686/trace/{trace.Key}");
}

Console.WriteLine(ClientMessages.Forwarded + relay.Forwarded);
