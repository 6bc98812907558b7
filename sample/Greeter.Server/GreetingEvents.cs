using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Channels;
using Instrumentation;

namespace Greeter.Server;

/// <summary>A greeting that was made, as a message with its trace context headers.</summary>
public sealed record Greeted(string Name, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// An in-process message channel standing in for a broker (go-micro's publisher and subscriber).
/// Publishing is a producer span whose context the generated wrapper writes into the message's
/// headers; <see cref="GreetingSubscriber"/> continues the trace from them.
/// </summary>
public sealed class GreetingEvents
{
    private readonly Channel<Greeted> channel = Channel.CreateUnbounded<Greeted>();

    public ChannelReader<Greeted> Reader => channel.Reader;

    [Traced("greeted publish", Kind = ActivityKind.Producer)]
    public void Publish([Tag("greeter.name")] string name, [TraceContext] Dictionary<string, string> headers) =>
        channel.Writer.TryWrite(new Greeted(name, headers));

    /// <summary>No more messages: the subscriber handles what is queued, then stops.</summary>
    public void Complete() => channel.Writer.TryComplete();
}
