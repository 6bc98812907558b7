using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// The span of one enumeration, shared by the sync and async iterator wrappers: started by the
/// first step, current during each step, and ended once.
/// </summary>
internal struct EnumerationSpan(TracedMethod method)
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
        Span?.Dispose();
        Span = null;
        Activity.Current = outside;
    }
}
