namespace Greeter.Client;

/// <summary>Lines the client prints that the end-to-end test reads.</summary>
internal static class ClientMessages
{
    /// <summary>Followed by the number of datagrams (both processes) forwarded to the agent.</summary>
    public const string Forwarded = "span datagrams forwarded to the agent: ";
}
