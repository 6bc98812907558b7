using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// The span of one enumeration, shared by the sync and async iterator wrappers: started by the
/// first step, current during each step, and ended once. The parameter tags, read at the call, are set when it starts.
/// </summary>
internal struct EnumerationSpan(TracedMethod method, KeyValuePair<string, object?>[]? tags)
{
    private bool started;

    public Activity? Span { get; private set; }

    /// <summary>Makes the span current for one step (starting it on the first); returns the activity to restore afterwards.</summary>
    public Activity? Enter()
    {
        var outside = Activity.Current;
        if (!started)
        {
            started = true;
            Span = method.Start();
            if (tags is not null && Span is { IsAllDataRequested: true })
            {
                foreach (var tag in tags) Span.SetTag(tag.Key, tag.Value);
            }
        }
        else if (Span is not null)
        {
            Activity.Current = Span;
        }

        return outside;
    }

    /// <summary>Ends the span without disturbing whichever activity is current.</summary>
    public void End()
    {
        var outside = Activity.Current;
        TracedCall.End(Span);
        Span = null;
        Activity.Current = outside;
    }
}
