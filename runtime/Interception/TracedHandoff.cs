using System;
using System.ComponentModel;

namespace Instrumentation;

/// <summary>
/// Lets a generated interface decorator tell a call that an interceptor already traced from one
/// nobody traced (made by a framework, another assembly or reflection), so each call gets exactly
/// one span. The interceptor marks the receiver right before it calls the target; the decorator
/// consumes the mark on entry and, when it finds its own instance there, only forwards the call.
/// One thread-static field; only decorators are ever stored, and each consumes its mark at once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TracedHandoff
{
    [ThreadStatic]
    private static object? intercepted;

    /// <summary>Marks <paramref name="receiver"/> as called by an interceptor (when it is a decorator) and returns it.</summary>
    public static T Mark<T>(T receiver)
    {
        if (receiver is ITracedDecorator) intercepted = receiver;
        return receiver;
    }

    /// <summary>
    /// Whether an interceptor has just traced this call of <paramref name="decorator"/>: true at most
    /// once per mark, so calls the decorator makes later are traced again. Any decorator's entry clears
    /// the mark, so a mark that its decorator never consumed cannot silence a later call.
    /// </summary>
    public static bool Consume(ITracedDecorator decorator)
    {
        var marked = intercepted;
        if (marked is null) return false;
        intercepted = null;
        return ReferenceEquals(marked, decorator);
    }
}
