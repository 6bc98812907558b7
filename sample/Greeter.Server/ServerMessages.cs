namespace Greeter.Server;

/// <summary>Lines the server prints for a parent process (the greeter client) to read.</summary>
internal static class ServerMessages
{
    /// <summary>Followed by the address, once Kestrel accepts connections.</summary>
    public const string Listening = "greeter-server listening on ";

    /// <summary>Followed by the number of UDP datagrams the tracer sent, after it flushed on shutdown.</summary>
    public const string PacketsSent = "greeter-server span packets sent: ";
}
