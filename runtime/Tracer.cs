using System;
using System.Diagnostics;
using Instrumentation.Conventions;
using Instrumentation.Diagnostics;
using Instrumentation.Propagation;
using Instrumentation.Reporting;
using Instrumentation.Sampling;
using Instrumentation.Senders;
using Instrumentation.Thrift;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation;

/// <summary>
/// A started tracer: an <see cref="ActivityListener"/> that samples the sources of <c>[Traced]</c>
/// code (and the configured ones) and reports finished spans to Jaeger. Dispose it (Go's
/// <c>closer.Close()</c>) to stop listening and send every queued span.
/// </summary>
public sealed class Tracer : IDisposable
{
    private readonly ActivityListener? listener;
    private readonly IReporter? reporter;
    private readonly ReporterCounters counters = new();
    private readonly bool replacedTraceIdGenerator;
    private readonly InstalledPropagator? propagator;
    private readonly bool codeTagsOnActivity;
    private readonly ISampler? sampler;
    private int disposed;

    private Tracer(TracerConfiguration config)
    {
        ServiceName = config.ServiceName;
        if (config.Disabled) return;

        var loggerFactory = config.LoggerFactory ?? NullLoggerFactory.Instance;
        var sampler = SamplerFactory.Create(config, new RateLimitedLog(loggerFactory.CreateLogger(TracerLogCategories.Sampler), config.Reporter.ErrorLogInterval), counters);
        this.sampler = sampler;
        try
        {
            reporter = CreateReporter(config, sampler, loggerFactory);
        }
        catch
        {
            // A setting the reporter refused: the remote sampler's poller must not outlive the tracer that never started.
            (sampler as IDisposable)?.Dispose();
            throw;
        }

        if (!config.TraceId128Bit)
        {
            SixtyFourBitTraceIds.Install();
            replacedTraceIdGenerator = true;
        }

        // HttpClient handlers created from now on, and TraceContext, use the configured formats.
        propagator = new InstalledPropagator(JaegerPropagation.Create(config.Propagation));

        var sources = new ListenedSources(config.Sources);
        // Started spans are counted where the sampler says yes, finished ones by the reporter's queue,
        // so a traced call costs the app thread one counter increment and one enqueue, no more.
        var decision = new SamplingDecision(sampler, counters.Started,
            selfRequests: config.Sender.Endpoint is not null || config.Sampler.Type == SamplerTypes.Remote, sources);
        var report = reporter;
        listener = new ActivityListener
        {
            ShouldListenTo = sources.ShouldListenTo,
            Sample = decision.Sample,
            SampleUsingParentId = decision.SampleUsingParentId,
            ActivityStopped = span =>
            {
                // Only the spans this tracer's own sampler (or parent rule) chose, not another listener's.
                if (!span.Recorded || !decision.OwnsEnded(span)) return;
                if (span.Kind == ActivityKind.Client) GrpcSpans.ClientSpanStopped(span); // gRPC's client spans, named as the RPC conventions say
                report.Report(span);
            },
        };
        ActivitySource.AddActivityListener(listener);
        codeTagsOnActivity = config.CodeTagsOnActivity;
        CodeLocations.TracerStarted(codeTagsOnActivity);
    }

    /// <summary>The service name spans are reported under.</summary>
    public string ServiceName { get; }

    /// <summary>A snapshot of what was started, reported and dropped.</summary>
    public TracerCounters Counters => counters.Snapshot();

    /// <summary>Sends every span finished so far; false if <paramref name="timeout"/> ran out first.</summary>
    public bool Flush(TimeSpan timeout) => reporter?.Flush(timeout) ?? true;

    /// <summary>
    /// Stops listening, puts back the propagator it replaced (if still its own), then sends what is
    /// queued (waiting at most the close timeout).
    /// </summary>
    public void Dispose()
    {
        if (System.Threading.Interlocked.Exchange(ref disposed, 1) != 0) return;
        if (listener is null) return;
        listener.Dispose();
        CodeLocations.TracerStopped(codeTagsOnActivity);
        if (replacedTraceIdGenerator) SixtyFourBitTraceIds.Uninstall();
        propagator?.Restore();
        (sampler as IDisposable)?.Dispose();
        reporter!.Dispose();
    }

    internal static Tracer Start(TracerConfiguration config) => new(config);


    private IReporter CreateReporter(TracerConfiguration config, ISampler sampler, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(TracerLogCategories.Reporter);
        var log = new RateLimitedLog(logger, config.Reporter.ErrorLogInterval);
        var tags = new TagValueWriter(config.Reporter.MaxTagValueLength, counters);
        var processTags = JaegerProcessSerializer.ProcessTags(config, Guid.NewGuid().ToString());
        var serializer = new JaegerSpanSerializer(tags, sampler, exceptionMessages: config.Reporter.ExceptionMessages);

        var http = config.Sender.Endpoint is not null;
        var format = PacketFormat.For(compact: !http, config.ServiceName, processTags, tags);
        var maxPacketSize = http ? config.Sender.MaxHttpBodySize : config.Reporter.MaxPacketSize;
        var formats = PacketFormat.PerScope(compact: !http, config.ServiceName, processTags, tags,
            maxFrameSize: maxPacketSize - TracerConfigurationValidator.MinSpanRoom);
        // Checked before anything starts: a process too large for a packet would drop every span.
        TracerConfigurationValidator.ValidateProcessSize(config, format.PacketSize(1, 0), maxPacketSize);
        IPacketTransport transport = http
            ? new HttpTransport(config.Sender, log)
            : new UdpTransport(config.Sender.AgentHost, config.Sender.AgentPort, log, config.Reporter.MaxPacketSize);

        var batcher = new SpanBatcher(formats, maxPacketSize, serializer, transport, counters, log);
        // What app threads use while the reporter is far behind: the same serialization, each lane its own.
        EncodingLane Lane(int bytes, int spans) => new(bytes, spans,
            new JaegerSpanSerializer(new TagValueWriter(config.Reporter.MaxTagValueLength, counters), sampler, exceptionMessages: config.Reporter.ExceptionMessages),
            format.CreateWriter, counters, log);
        IReporter remote = new RemoteReporter(batcher, Lane, transport, counters, log, config.Reporter);
        return config.Reporter.LogSpans
            ? new CompositeReporter(remote, new LoggingReporter(config.LoggerFactory?.CreateLogger(TracerLogCategories.Spans) ?? ConsoleSpanLogger.Instance))
            : remote;
    }
}
