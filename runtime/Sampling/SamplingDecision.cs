using System;
using System.Diagnostics;

namespace Instrumentation.Sampling;

/// <summary>
/// The listener's sampling callbacks. The sampler decides only for roots; a span with a parent
/// (local, or remote from propagated headers) follows the parent's sampled flag.
/// </summary>
/// <param name="sampler">Decides for roots.</param>
/// <param name="started">Counts sampled spans.</param>
/// <param name="httpSender">
/// Whether the reporter sends over HTTP: only then can its own request (HttpClient's span) reach
/// this listener, so only then do roots pay for the check that keeps it untraced.
/// </param>
internal sealed class SamplingDecision(ISampler sampler, Instrumentation.Diagnostics.StripedCounter started, bool httpSender)
{
    // const 0 creates no Activity at all (the cheapest "no"); other samplers keep an unrecorded
    // Activity so the trace id and the "not sampled" flag reach children and downstream services.
    private readonly ActivitySamplingResult rootRejected =
        sampler is ConstSampler ? ActivitySamplingResult.None : ActivitySamplingResult.PropagationData;

    // const 1 without an HTTP sender says yes to every span it is asked about, so every recorded
    // span it sees is its own (the default, and the hot path: no walk at all).
    private readonly bool ownsEveryRecordedSpan = sampler is ConstSampler { Decision: true } && !httpSender;

    /// <summary>
    /// Whether this tracer decided to record <paramref name="span"/>, which ended recorded: the
    /// runtime records a span when any listener asks for it, so a second tracer (or an OpenTelemetry
    /// SDK) in the process can record spans this tracer's sampler rejected. Its own are those whose
    /// local ancestors are all recorded and whose local root either continues a parent by context
    /// (the parent's flag decided, as for every listener) or was accepted by this sampler.
    /// </summary>
    public bool Owns(Activity span)
    {
        if (ownsEveryRecordedSpan) return true;
        var root = span;
        while (root.Parent is { } parent)
        {
            if (!parent.Recorded) return false; // followed an unsampled parent: this tracer said no
            root = parent;
        }

        if (root.ParentSpanId != default) return true;
        // The reporter's own request ends on the reporter thread, inside the send.
        if (httpSender && Reporting.ReporterSending.IsActive) return false;
        return sampler.Sampled(root.TraceId);
    }

    public ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        var parent = options.Parent;
        if (parent.TraceId != default)
        {
            return FollowParent(parent);
        }

        return Decide(options.TraceId);
    }

    public ActivitySamplingResult SampleUsingParentId(ref ActivityCreationOptions<string> options)
    {
        // A W3C parent id arrives as text; anything else (hierarchical ids) starts a new root.
        if (options.Parent is { } parentId && ActivityContext.TryParse(parentId, null, out var parent))
        {
            return FollowParent(parent);
        }

        return Decide(options.TraceId);
    }

    private ActivitySamplingResult FollowParent(ActivityContext parent)
    {
        if ((parent.TraceFlags & ActivityTraceFlags.Recorded) == 0) return ActivitySamplingResult.PropagationData;
        started.Increment();
        return ActivitySamplingResult.AllDataAndRecorded;
    }

    private ActivitySamplingResult Decide(ActivityTraceId traceId)
    {
        // The reporter's own HTTP request to the collector is never traced (it would feed itself).
        if (httpSender && Reporting.ReporterSending.IsActive) return ActivitySamplingResult.None;
        if (!sampler.ShouldSample(traceId)) return rootRejected;
        started.Increment();
        return ActivitySamplingResult.AllDataAndRecorded;
    }
}
