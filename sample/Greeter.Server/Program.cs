// The greeter server (go-micro's greeter, on gRPC): greeter.Say/Hello -> Greeter.HelloAsync ([Traced])
// -> Tracing.Block("compose-greeting") -> a "greeted" message published to an in-process channel and
// handled by a subscriber in a span of the same trace; plus a client-streaming and a server-streaming
// call. Tracing comes from AddJaegerTracing and the "Jaeger" section of appsettings.json (service
// name, LogSpans); JAEGER_* variables override it.
//   dotnet run --project sample/Greeter.Server -- --port 5080
// Options: --port N (0 picks a free port; default 5080), --exit-on-stdin-close (used by the client,
// which runs this as a child process and stops it gracefully by closing our standard input).
using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Greeter.Server;
using Instrumentation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = WebApplication.CreateBuilder(args);
var port = builder.Configuration.GetValue("port", 5080);
// gRPC without TLS needs an HTTP/2-only endpoint (clients connect with HTTP/2 prior knowledge).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
// Console lines show their span's ids (AddJaegerTracing turns on ActivityTrackingOptions), and
// records written inside sampled spans also become those spans' logs in Jaeger.
builder.Logging.ClearProviders()
    .AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; })
    .AddSpanLogs();
builder.Services.AddGrpc();
builder.Services.AddSingleton<Greeter.Server.Greeter>();
builder.Services.AddSingleton<GreetingEvents>();
builder.Services.AddHostedService<GreetingSubscriber>();
builder.Services.AddJaegerTracing(); // the "Jaeger" section of builder.Configuration, then JAEGER_*
builder.Services.AddJaegerServerSpans(); // server spans named "greeter.Say/Hello", with the RPC tags

var app = builder.Build();
app.MapGrpcService<SayService>();

await app.StartAsync(); // starts the tracer first; a bad Jaeger setting fails here
Console.WriteLine(ServerMessages.Listening + app.Urls.First());

if (args.Contains("--exit-on-stdin-close"))
{
    // Portable graceful stop for a parent process: no signals needed, the host flushes spans on the way out.
    _ = Task.Run(() =>
    {
        Console.In.ReadToEnd();
        app.Lifetime.StopApplication();
    });
}

var tracer = app.Services.GetRequiredService<Tracer>();
await app.WaitForShutdownAsync(); // stops the host; the tracer is disposed (flushed) once everything stopped
Console.WriteLine(ServerMessages.PacketsSent + tracer.Counters.PacketsSent);
await app.DisposeAsync();
