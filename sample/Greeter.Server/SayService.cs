using System.Collections.Generic;
using System.Threading.Tasks;
using Greeter.Contract;
using Grpc.Core;

namespace Greeter.Server;

/// <summary>
/// The gRPC service. gRPC calls these methods from its own code, where no interceptor can reach, so
/// the traced work lives in <see cref="Greeter"/>, called from here; the server span of each call
/// (<c>greeter.Say/Hello</c>, with the RPC tags) comes from AddJaegerServerSpans.
/// </summary>
public sealed class SayService(Greeter greeter) : Say.SayBase
{
    private static readonly string[] Languages = ["Hello", "Bonjour", "Hallo"];

    public override async Task<HelloReply> Hello(HelloRequest request, ServerCallContext context) =>
        new() { Greeting = await greeter.HelloAsync(request.Name) };

    public override async Task<HelloReply> HelloAll(IAsyncStreamReader<HelloRequest> requestStream, ServerCallContext context)
    {
        var names = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken)) names.Add(request.Name);
        return new HelloReply { Greeting = greeter.HelloAll(names) };
    }

    public override async Task HelloInLanguages(HelloRequest request, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        foreach (var hello in Languages) await responseStream.WriteAsync(new HelloReply { Greeting = $"{hello} {request.Name}" });
    }
}
