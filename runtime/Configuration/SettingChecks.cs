using System;

namespace Instrumentation;

/// <summary>
/// The checks of <see cref="Settings"/> that depend on other settings or take more than a line:
/// each returns what the setting accepts when its value cannot be used, else null.
/// </summary>
internal static class SettingChecks
{
    /// <summary>
    /// The largest queue: 2^22 spans. Its slots (16 bytes each, 64 MiB) are allocated at start, and
    /// a full queue of that size keeps gigabytes of spans alive: larger values would only trade a
    /// slow start or an <c>OutOfMemoryException</c> for spans no reporter sends in time.
    /// </summary>
    internal const int MaxQueueSizeLimit = 1 << 22;

    /// <summary>Shorter intervals would keep the reporter thread busy waking up.</summary>
    internal static readonly TimeSpan MinFlushInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest period a timer takes (2^32 - 2 ms, about 49.7 days).</summary>
    internal static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(49);

    /// <summary>Enough for the message header, the process and one small span.</summary>
    internal const int MinPacketSize = 1024;

    /// <summary>The largest payload of one IPv4 UDP datagram.</summary>
    internal const int MaxUdpPayload = 65_507;

    /// <summary>A disabled tracer's settings are checked as an enabled one's (a typo fails everywhere); only its service name may be missing.</summary>
    public static string? ServiceName(TracerConfiguration c, string name) =>
        string.IsNullOrWhiteSpace(name) && !c.Disabled ? "a non-empty service name"
        : HasControlCharacter(name) ? "a service name without control characters (line breaks, tabs, NUL)"
        : null;

    public static string? SamplerType(TracerConfiguration c, string type) =>
        type is SamplerTypes.Const or SamplerTypes.Probabilistic or SamplerTypes.RateLimiting or SamplerTypes.Remote ? null : SamplerTypes.AcceptedList;

    /// <summary>What the parameter means depends on the type; an unknown type fails on its own.</summary>
    public static string? SamplerParam(TracerConfiguration c, double param) => c.Sampler.Type switch
    {
        SamplerTypes.Const when param is not (0 or 1) => "0 or 1 for the const sampler",
        SamplerTypes.Probabilistic when param is < 0 or > 1 || double.IsNaN(param) => "a fraction from 0 to 1 for the probabilistic sampler",
        SamplerTypes.RateLimiting when param < 0 || double.IsNaN(param) || double.IsInfinity(param) => "traces per second, 0 or more, for the ratelimiting sampler",
        SamplerTypes.Remote when param is < 0 or > 1 || double.IsNaN(param) => "a fraction from 0 to 1 (the rate until the first strategy) for the remote sampler",
        _ => null,
    };

    public static string? SamplingEndpoint(TracerConfiguration c, Uri? endpoint) =>
        IsRemote(c) && (endpoint is not { IsAbsoluteUri: true } || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            ? "an absolute http or https URL, such as http://127.0.0.1:5778/sampling"
            : null;

    public static string? RefreshInterval(TracerConfiguration c, TimeSpan interval) =>
        IsRemote(c) && (interval < TimeSpan.FromMilliseconds(1) || interval > MaxRefreshInterval) ? "a duration from 1 ms to 49 days, such as 1m" : null;

    public static string? MaxOperations(TracerConfiguration c, int operations) =>
        IsRemote(c) && operations < 1 ? "1 or more" : null;

    public static string? AgentHost(TracerConfiguration c, string host) =>
        c.Sender.Endpoint is null && !IsHost(host) ? "a host name or IP address such as localhost, 10.0.0.5 or [::1]" : null;

    public static string? AgentPort(TracerConfiguration c, int port) =>
        c.Sender.Endpoint is null && port is <= 0 or > 65535 ? "a port number from 1 to 65535" : null;

    public static string? Endpoint(TracerConfiguration c, Uri? endpoint) =>
        endpoint is not null && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != "http" && endpoint.Scheme != "https")) ? "an absolute http:// or https:// URL" : null;

    public static string? MaxHttpBodySize(TracerConfiguration c, int size) =>
        c.Sender.Endpoint is not null && size < MinPacketSize ? $"at least {MinPacketSize} bytes" : null;

    public static string? HttpTimeout(TracerConfiguration c, TimeSpan timeout) =>
        c.Sender.Endpoint is not null && timeout <= TimeSpan.Zero ? "a positive duration" : null;

    /// <summary>A null value (often a variable that is not set, read into a tag) cannot be sent as a tag.</summary>
    public static string? Tags(TracerConfiguration c, System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Value is null) return $"a value for every tag (tag '{tag.Key}' is null; use \"\" for an empty one)";
        }

        return null;
    }

    // Credentials go into an Authorization header: a line break there would end the header.

    /// <summary>A user without a password is the password's error (checked next), whatever the user's text.</summary>
    public static string? User(TracerConfiguration c, string? user) =>
        c.Sender.Endpoint is null ? null
        : user is null ? (c.Sender.Password is null ? null : "a user whenever Sender.Password (JAEGER_PASSWORD) is set")
        : c.Sender.Password is null ? null
        : HasControlCharacter(user) || user.IndexOf(':') >= 0 ? "a user name without control characters (CR, LF, NUL) or ':'"
        : null;

    public static string? Password(TracerConfiguration c, string? password) =>
        c.Sender.Endpoint is null ? null
        : password is null ? (c.Sender.User is null ? null : "a password whenever Sender.User (JAEGER_USER) is set")
        : HasControlCharacter(password) ? "a password without control characters (CR, LF, NUL)"
        : null;

    public static string? AuthToken(TracerConfiguration c, string? token) =>
        c.Sender.Endpoint is not null && HasControlCharacter(token) ? "a bearer token without control characters (CR, LF, NUL)" : null;

    private static bool HasControlCharacter(string? text)
    {
        if (text is null) return false;
        foreach (var c in text)
        {
            if (char.IsControl(c)) return true;
        }

        return false;
    }

    private static bool IsRemote(TracerConfiguration c) => c.Sampler.Type == SamplerTypes.Remote;

    /// <summary>A DNS name or an IP address (IPv6 with or without brackets), as a socket can resolve it.</summary>
    private static bool IsHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return false;
        if (host!.StartsWith("[", StringComparison.Ordinal) != host.EndsWith("]", StringComparison.Ordinal)) return false;
        return Uri.CheckHostName(host) != UriHostNameType.Unknown;
    }
}
