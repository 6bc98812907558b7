namespace Instrumentation;

/// <summary>The <c>JAEGER_*</c> variables the tracer honours.</summary>
public static class EnvironmentVariableNames
{
#pragma warning disable CS1591 // the names say it all
    public const string ServiceName = "JAEGER_SERVICE_NAME";
    public const string AgentHost = "JAEGER_AGENT_HOST";
    public const string AgentPort = "JAEGER_AGENT_PORT";
    public const string Endpoint = "JAEGER_ENDPOINT";
    public const string User = "JAEGER_USER";
    public const string Password = "JAEGER_PASSWORD";
    public const string AuthToken = "JAEGER_AUTH_TOKEN";
    public const string SamplerType = "JAEGER_SAMPLER_TYPE";
    public const string SamplerParam = "JAEGER_SAMPLER_PARAM";
    public const string SamplingEndpoint = "JAEGER_SAMPLING_ENDPOINT";
    public const string SamplerManagerHostPort = "JAEGER_SAMPLER_MANAGER_HOST_PORT";
    public const string SamplerRefreshInterval = "JAEGER_SAMPLER_REFRESH_INTERVAL";
    public const string SamplerMaxOperations = "JAEGER_SAMPLER_MAX_OPERATIONS";
    public const string ReporterLogSpans = "JAEGER_REPORTER_LOG_SPANS";
    public const string ReporterMaxQueueSize = "JAEGER_REPORTER_MAX_QUEUE_SIZE";
    public const string ReporterFlushInterval = "JAEGER_REPORTER_FLUSH_INTERVAL";
    public const string ReporterExceptionMessages = "JAEGER_REPORTER_EXCEPTION_MESSAGES";
    public const string Tags = "JAEGER_TAGS";
    public const string TraceId128Bit = "JAEGER_TRACEID_128BIT";
    public const string Disabled = "JAEGER_DISABLED";
    public const string Propagation = "JAEGER_PROPAGATION";
#pragma warning restore CS1591
}
