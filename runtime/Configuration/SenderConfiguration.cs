using System;

namespace Instrumentation;

/// <summary>
/// Where spans go: a Jaeger agent over UDP (Thrift compact, default <c>localhost:6831</c>) or,
/// when <see cref="Endpoint"/> is set, a collector over HTTP (Thrift binary).
/// </summary>
public sealed class SenderConfiguration
{
    /// <summary>The agent host. <c>localhost</c> resolves to IPv4 first, so an agent bound to 127.0.0.1 is reached.</summary>
    public string AgentHost { get; set; } = "localhost";

    /// <summary>The agent's compact-Thrift UDP port. Default 6831.</summary>
    public int AgentPort { get; set; } = 6831;

    /// <summary>The collector URL, for example <c>http://jaeger:14268/api/traces</c>. When set, HTTP is used instead of UDP.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Basic-auth user for the collector (with <see cref="Password"/>).</summary>
    public string? User { get; set; }

    /// <summary>Basic-auth password for the collector.</summary>
    public string? Password { get; set; }

    /// <summary>Bearer token for the collector; wins over basic auth.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The largest HTTP body; bigger batches are split. Default 1 MiB.</summary>
    public int MaxHttpBodySize { get; set; } = 1 << 20;

    /// <summary>How long one HTTP POST may take. Default 10 s.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
