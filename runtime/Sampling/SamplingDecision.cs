using System;
using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>
/// The listener's sampling callbacks. The sampler decides only for roots; a span with a parent
/// (local, or remote from propagated headers) follows the parent's sampled flag.
/// </summary>
/// <param name="sampler">Decides for roots.</param>
/// <param name="started">Counts sampled spans.</param>
/// <param name="selfRequests">
/// Whether the tracer makes HTTP requests of its own (the reporter sends over HTTP, or the remote
/// sampler polls its endpoint): only then can such a request's span (HttpClient's) reach this
/// listener, so only then do roots pay for the check that keeps it untraced.
/// </param>
/// <param name="sources">The sources this tracer listens to: it decided only for spans of those.</param>
internal sealed class SamplingDecision(ISampler sampler, Instrumentation.Diagnostics.StripedCounter started, bool selfRequests, ListenedSources sources)
{
    // const 0 creates no Activity at all (the cheapest "no"); other samplers keep an unrecorded
    // Activity so the trace id and the "not sampled" flag reach children and downstream services.
    private readonly ActivitySamplingResult rootRejected =
        sampler is ConstSampler ? ActivitySamplingResult.None : ActivitySamplingResult.PropagationData;

    // const 1 without an HTTP sender says yes to every span it is asked about, so every recorded
    // span it sees is its own (the default, and the hot path: no walk at all).
    private readonly bool ownsEveryRecordedSpan = sampler is ConstSampler { Decision: true } && !selfRequests;

    /// <summary>
    /// Whether this tracer decided to record <paramref name="span"/>, which ended recorded: the
    /// runtime records a span when any listener asks for it, so a second tracer (or an OpenTelemetry
    /// SDK) in the process can record spans this tracer's sampler rejected. Decided by the rule the
    /// sampling callbacks apply (<see cref="Decides"/>); when the span is a root, its sampler may now
    /// forget it.
    /// </summary>
    public bool OwnsEnded(Activity span)
    {
        if (ownsEveryRecordedSpan) return true;
        var owned = Decides(span);
        if (span.Parent is null && span.ParentSpanId == default) sampler.RootEnded(span.TraceId);
        return owned;
    }

    /// <summary>
    /// The one rule for "this tracer records it": under a local parent from a source it listens to,
    /// whatever it decided for that parent; under a parent from another source, or given by context
    /// (remote), the parent's sampled flag, as for every listener; a root, what its sampler said.
    /// </summary>
    private bool Decides(Activity span)
    {
        for (var current = span; ; current = current.Parent!)
        {
            if (!current.Recorded) return false;
            if (current.Parent is { } parent)
            {
                if (!sources.ShouldListenTo(parent.Source)) return parent.Recorded;
                continue;
            }

            if (current.ParentSpanId != default) return true;
            // A root someone asked to see (jaeger-debug-id): recorded whatever the sampler said.
            if (Propagation.JaegerDebug.IsDebug(current)) return true;
            // The reporter's own request ends on the reporter thread, inside the send.
            if (selfRequests && Reporting.ReporterSending.IsActive) return false;
            return sampler.Sampled(current);
        }
    }

    public ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        var parent = options.Parent;
        if (parent.TraceId != default)
        {
            return FollowParent(parent);
        }

        return Root(ref options);
    }

    public ActivitySamplingResult SampleUsingParentId(ref ActivityCreationOptions<string> options)
    {
        // A W3C parent id arrives as text; anything else (hierarchical ids) starts a new root.
        if (options.Parent is { } parentId && ActivityContext.TryParse(parentId, options.TraceState, out var parent))
        {
            return FollowParent(parent);
        }

        return Root(ref options);
    }

    /// <summary>Records a span this tracer decided to sample, counting it as started.</summary>
    private ActivitySamplingResult Record()
    {
        started.Increment();
        return ActivitySamplingResult.AllDataAndRecorded;
    }

    private ActivitySamplingResult FollowParent(ActivityContext parent)
    {
        // Jaeger's debug flag: someone asked to see this trace, whatever was decided upstream.
        if (Propagation.JaegerDebug.IsDebug(parent.TraceState)) return Record();

        if ((parent.TraceFlags & ActivityTraceFlags.Recorded) == 0) return ActivitySamplingResult.PropagationData;
        // A local parent (normally the current activity) that another listener recorded against this
        // tracer's decision: its children are not this tracer's either.
        if (!ownsEveryRecordedSpan && !parent.IsRemote && Activity.Current is { } current &&
            current.SpanId == parent.SpanId && current.TraceId == parent.TraceId &&
            sources.ShouldListenTo(current.Source) && !Decides(current))
        {
            return ActivitySamplingResult.PropagationData;
        }

        return Record();
    }

    /// <summary>
    /// A root. One someone asked to see (<c>jaeger-debug-id</c>) is recorded whatever the sampler
    /// says; who asked marks it a debug trace right after it starts
    /// (<see cref="Propagation.JaegerDebug.MarkRoot"/>), which makes it this tracer's to report
    /// (<see cref="Decides"/>): the sampling callback cannot set the new span's trace state itself.
    /// </summary>
    private ActivitySamplingResult Root<T>(ref ActivityCreationOptions<T> options)
    {
        if (Propagation.RequestedDebugRoot.Take(options.Source, options.Kind)) return Record();
        // The reporter's own HTTP request to the collector is never traced (it would feed itself).
        if (selfRequests && Reporting.ReporterSending.IsActive) return ActivitySamplingResult.None;
        // A null name gets this far (the span is then called ""): the samplers key on the name.
        return sampler.ShouldSample(options.TraceId, options.Name ?? string.Empty) ? Record() : rootRejected;
    }
}
