using System.Net.Http;

namespace Instrumentation.Senders;

/// <summary>
/// The handler of the tracer's own HTTP clients (the collector sender, the sampling poller): without
/// the runtime's HTTP diagnostics stage, so no listener in the process (this tracer, another one, an
/// OpenTelemetry SDK) gets a span for these requests, and no trace context goes out with them, not
/// even that of a span current in the thread that sent. Jaeger's clients keep their senders untraced
/// the same way. On .NET Framework and older runtimes (the netstandard2.0 build) that stage cannot be
/// left out: there <see cref="Reporting.ReporterSending"/> keeps this tracer from tracing them.
/// </summary>
internal static class UntracedHttpHandler
{
    /// <param name="useProxy">Whether requests go through the system's proxy.</param>
    /// <param name="followRedirects">
    /// False for the collector: a redirected POST is sent again as a GET without its body, whose 200
    /// would count spans that never arrived as reported.
    /// </param>
    public static HttpMessageHandler Create(bool useProxy, bool followRedirects = true) =>
#if NET
        // A null propagator is what leaves the diagnostics stage out of the handler chain. Connections are
        // renewed every minute: one kept busy by the flush interval would never be, and a collector behind
        // DNS (replicas, or one that moved) would not be looked up again until the connection broke.
        new SocketsHttpHandler { UseProxy = useProxy, AllowAutoRedirect = followRedirects, ActivityHeadersPropagator = null, PooledConnectionLifetime = System.TimeSpan.FromMinutes(1) };
#else
        new HttpClientHandler { UseProxy = useProxy, AllowAutoRedirect = followRedirects };
#endif
}
