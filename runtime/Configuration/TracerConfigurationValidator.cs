using System;
using System.Globalization;
using N = Instrumentation.EnvironmentVariableNames;

namespace Instrumentation;

/// <summary>Checks a configuration before anything starts, so a bad value fails at once with a clear message.</summary>
internal static class TracerConfigurationValidator
{
    public static void Validate(TracerConfiguration c)
    {
        if (c.Disabled) return;

        if (string.IsNullOrWhiteSpace(c.ServiceName))
            Fail("ServiceName", N.ServiceName, c.ServiceName, "a non-empty service name");

        ValidateSampler(c.Sampler);

        var r = c.Reporter;
        if (r.BufferFlushInterval <= TimeSpan.Zero)
            Fail("Reporter.BufferFlushInterval", N.ReporterFlushInterval, r.BufferFlushInterval.ToString(), "a positive duration");
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
            if (string.IsNullOrWhiteSpace(s.AgentHost))
                Fail("Sender.AgentHost", N.AgentHost, s.AgentHost, "a host name or IP address such as localhost");
            if (s.AgentPort is <= 0 or > 65535)
                Fail("Sender.AgentPort", N.AgentPort, Text(s.AgentPort), "a port number from 1 to 65535");
        }
        else
        {
            if (!s.Endpoint.IsAbsoluteUri || (s.Endpoint.Scheme != "http" && s.Endpoint.Scheme != "https"))
                Fail("Sender.Endpoint", N.Endpoint, s.Endpoint.OriginalString, "an absolute http:// or https:// URL");
            if (s.MaxHttpBodySize < MinPacketSize)
                Fail("Sender.MaxHttpBodySize", null, Text(s.MaxHttpBodySize), $"at least {MinPacketSize} bytes");
            if (s.HttpTimeout <= TimeSpan.Zero)
                Fail("Sender.HttpTimeout", null, s.HttpTimeout.ToString(), "a positive duration");
            if (s.User is not null && s.Password is null)
                Fail("Sender.Password", N.Password, null, "a password whenever Sender.User (JAEGER_USER) is set");
        }

        if (!JaegerPropagation.IsValid(c.Propagation))
            Fail("Propagation", N.Propagation, c.Propagation.ToString(), "Jaeger, W3C or both");

        foreach (var source in c.Sources)
        {
            if (string.IsNullOrWhiteSpace(source))
                Fail("Sources", null, source, "activity source names, a trailing * for a prefix, or * for all");
        }
    }

    /// <summary>The queue is a power-of-two ring; this keeps its size an <c>int</c>.</summary>
    internal const int MaxQueueSizeLimit = 1 << 30;

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
            default:
                Fail(type, typeVariable, sampler.Type, SamplerTypes.AcceptedList);
                break;
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Fail(string property, string? variable, string? value, string accepted) =>
        throw new InvalidTracerSettingException(property, variable, value, accepted);
}
