using System.Diagnostics;
using Instrumentation.Propagation;

namespace Instrumentation.Thrift;

/// <summary>
/// Reads trace and parent span ids through <see cref="JaegerIds"/>, remembering the last of each
/// by the identity of its text: the spans of one trace share those strings (a child Activity keeps
/// its parent's instances) and mostly reach the reporter together, so most spans skip two of their
/// three hex decodes. Reporter thread only.
/// </summary>
internal sealed class IdReader
{
    private string? traceHex;
    private long traceHigh;
    private long traceLow;
    private string? parentHex;
    private long parent;

    public void Trace(ActivityTraceId traceId, out long high, out long low)
    {
        var hex = traceId.ToHexString();
        if (!ReferenceEquals(hex, traceHex))
        {
            JaegerIds.Split(traceId, out traceHigh, out traceLow);
            traceHex = hex;
        }

        high = traceHigh;
        low = traceLow;
    }

    public long Parent(ActivitySpanId parentSpanId)
    {
        var hex = parentSpanId.ToHexString();
        if (!ReferenceEquals(hex, parentHex))
        {
            parent = JaegerIds.ToLong(parentSpanId);
            parentHex = hex;
        }

        return parent;
    }
}
