using System;
using System.Globalization;
using N = Instrumentation.EnvironmentVariableNames;

namespace Instrumentation;

/// <summary>Checks a configuration before anything starts, so a bad value fails at once with a clear message.</summary>
internal static class TracerConfigurationValidator
{
    public static void Validate(TracerConfiguration c)
    {
        // A disabled tracer's settings are checked as an enabled one's, so that a bad value fails in
        // every environment, not only where tracing is on; only the service name may be missing.
        if (string.IsNullOrWhiteSpace(c.ServiceName) && !c.Disabled)
            Fail("ServiceName", N.ServiceName, c.ServiceName, "a non-empty service name");
        if (HasControlCharacter(c.ServiceName))
            Fail("ServiceName", N.ServiceName, c.ServiceName, "a service name without control characters (line breaks, tabs, NUL)");

        ValidateSampler(c.Sampler);

        var r = c.Reporter;
        if (r.BufferFlushInterval < MinFlushInterval)
            Fail("Reporter.BufferFlushInterval", N.ReporterFlushInterval, r.BufferFlushInterval.ToString(), "a positive duration of at least 1 ms");
        if (r.MaxQueueSize is <= 0 or > MaxQueueSizeLimit)
            Fail("Reporter.MaxQueueSize", N.ReporterMaxQueueSize, Text(r.MaxQueueSize), $"a whole number from 1 to {MaxQueueSizeLimit}");
        if (r.MaxPacketSize is < MinPacketSize or > MaxUdpPayload)
            Fail("Reporter.MaxPacketSize", null, Text(r.MaxPacketSize), $"{MinPacketSize} to {MaxUdpPayload} bytes (65000 is the agent's default)");
        if (r.MaxTagValueLength < 16)
            Fail("Reporter.MaxTagValueLength", null, Text(r.MaxTagValueLength), "at least 16 bytes");
        if (r.CloseTimeout < TimeSpan.Zero)
            Fail("Reporter.CloseTimeout", null, r.CloseTimeout.ToString(), "zero or a positive duration");
        if (r.ErrorLogInterval < TimeSpan.Zero)
            Fail("Reporter.ErrorLogInterval", null, r.ErrorLogInterval.ToString(), "zero or a positive duration");

        var s = c.Sender;
        if (s.Endpoint is null)
        {
            if (!IsHost(s.AgentHost))
                Fail("Sender.AgentHost", N.AgentHost, s.AgentHost, "a host name or IP address such as localhost, 10.0.0.5 or [::1]");
            if (s.AgentPort is <= 0 or > 65535)
                Fail("Sender.AgentPort", N.AgentPort, Text(s.AgentPort), "a port number from 1 to 65535");
        }
        else
        {
            if (!s.Endpoint.IsAbsoluteUri || (s.Endpoint.Scheme != "http" && s.Endpoint.Scheme != "https"))
                Fail("Sender.Endpoint", N.Endpoint, Redaction.UserInfo(s.Endpoint.OriginalString), "an absolute http:// or https:// URL");
            if (s.MaxHttpBodySize < MinPacketSize)
                Fail("Sender.MaxHttpBodySize", null, Text(s.MaxHttpBodySize), $"at least {MinPacketSize} bytes");
            if (s.HttpTimeout <= TimeSpan.Zero)
                Fail("Sender.HttpTimeout", null, s.HttpTimeout.ToString(), "a positive duration");
            if (s.User is not null && s.Password is null)
                Fail("Sender.Password", N.Password, null, "a password whenever Sender.User (JAEGER_USER) is set");
            if (s.Password is not null && s.User is null)
                Fail("Sender.User", N.User, null, "a user whenever Sender.Password (JAEGER_PASSWORD) is set");
            // Credentials go into an Authorization header: a line break there would end the header.
            // Their values are never echoed back, since they are secrets.
            if (s.User is not null && (HasControlCharacter(s.User) || s.User.IndexOf(':') >= 0))
                Fail("Sender.User", N.User, Hidden, "a user name without control characters (CR, LF, NUL) or ':'");
            if (HasControlCharacter(s.Password))
                Fail("Sender.Password", N.Password, Hidden, "a password without control characters (CR, LF, NUL)");
            if (HasControlCharacter(s.AuthToken))
                Fail("Sender.AuthToken", N.AuthToken, Hidden, "a bearer token without control characters (CR, LF, NUL)");
        }

        if (!JaegerPropagation.IsValid(c.Propagation))
            Fail("Propagation", N.Propagation, c.Propagation.ToString(), "Jaeger, W3C or both");

        foreach (var source in c.Sources)
        {
            if (string.IsNullOrWhiteSpace(source))
                Fail("Sources", null, source, "activity source names, a trailing * for a prefix, or * for all");
        }
    }

    /// <summary>Room a packet must keep for spans beyond the process: a small span takes about 100 bytes.</summary>
    internal const int MinSpanRoom = 512;

    /// <summary>
    /// Fails when the batch frame (service name and process tags) leaves less than
    /// <see cref="MinSpanRoom"/> bytes of a packet for spans, naming the service name when it alone
    /// takes half the packet, else the process tags.
    /// </summary>
    public static void ValidateProcessSize(TracerConfiguration c, int frameBytes, int maxPacketSize)
    {
        if (frameBytes + MinSpanRoom <= maxPacketSize) return;
        var room = $"a service name and process tags that leave room for spans in a {maxPacketSize}-byte packet (they take {frameBytes} bytes)";
        if (System.Text.Encoding.UTF8.GetByteCount(c.ServiceName) > maxPacketSize / 2)
            Fail("ServiceName", N.ServiceName, c.ServiceName.Length > 64 ? c.ServiceName.Substring(0, 64) + "..." : c.ServiceName, room);
        Fail("Tags", N.Tags, $"{c.Tags.Count} tags", room);
    }

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

    /// <summary>Stands for a secret in error messages.</summary>
    internal const string Hidden = "(hidden)";

    /// <summary>Enough for the message header, the process and one small span.</summary>
    internal const int MinPacketSize = 1024;

    /// <summary>The largest payload of one IPv4 UDP datagram.</summary>
    internal const int MaxUdpPayload = 65_507;

    private static void ValidateSampler(SamplerConfiguration sampler)
    {
        const string type = "Sampler.Type", typeVariable = N.SamplerType;
        const string param = "Sampler.Param", paramVariable = N.SamplerParam;
        switch (sampler.Type)
        {
            case SamplerTypes.Const:
                if (sampler.Param is not (0 or 1)) Fail(param, paramVariable, Text(sampler.Param), "0 or 1 for the const sampler");
                break;
            case SamplerTypes.Probabilistic:
                if (sampler.Param is < 0 or > 1 || double.IsNaN(sampler.Param))
                    Fail(param, paramVariable, Text(sampler.Param), "a fraction from 0 to 1 for the probabilistic sampler");
                break;
            case SamplerTypes.RateLimiting:
                if (sampler.Param < 0 || double.IsNaN(sampler.Param) || double.IsInfinity(sampler.Param))
                    Fail(param, paramVariable, Text(sampler.Param), "traces per second, 0 or more, for the ratelimiting sampler");
                break;
            case SamplerTypes.Remote:
                if (sampler.Param is < 0 or > 1 || double.IsNaN(sampler.Param))
                    Fail(param, paramVariable, Text(sampler.Param), "a fraction from 0 to 1 (the rate until the first strategy) for the remote sampler");
                if (sampler.SamplingEndpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
                    Fail("Sampler.SamplingEndpoint", N.SamplingEndpoint, sampler.SamplingEndpoint is null ? "(null)" : Redaction.UserInfo(sampler.SamplingEndpoint.OriginalString), "an absolute http or https URL, such as http://127.0.0.1:5778/sampling");
                if (sampler.RefreshInterval < TimeSpan.FromMilliseconds(1) || sampler.RefreshInterval > MaxRefreshInterval)
                    Fail("Sampler.RefreshInterval", N.SamplerRefreshInterval, sampler.RefreshInterval.ToString(), "a duration from 1 ms to 49 days, such as 1m");
                if (sampler.MaxOperations < 1)
                    Fail("Sampler.MaxOperations", N.SamplerMaxOperations, Text(sampler.MaxOperations), "1 or more");
                break;
            default:
                Fail(type, typeVariable, sampler.Type, SamplerTypes.AcceptedList);
                break;
        }
    }

    private static bool HasControlCharacter(string? text)
    {
        if (text is null) return false;
        foreach (var c in text)
        {
            if (char.IsControl(c)) return true;
        }

        return false;
    }

    /// <summary>A DNS name or an IP address (IPv6 with or without brackets), as a socket can resolve it.</summary>
    private static bool IsHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return false;
        if (host!.StartsWith("[", StringComparison.Ordinal) != host.EndsWith("]", StringComparison.Ordinal)) return false;
        return Uri.CheckHostName(host) != UriHostNameType.Unknown;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Fail(string property, string? variable, string? value, string accepted) =>
        throw new InvalidTracerSettingException(property, variable, value, accepted);
}
