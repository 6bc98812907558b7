using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// Wraps an iterator's sequence so its span covers the enumeration: it starts at the first
/// <c>MoveNext</c> and ends at <c>Dispose</c>. While the iterator runs, the span is current (so its
/// calls nest under it); between items the consumer's own activity is current again.
/// </summary>
internal sealed class TracedEnumerable<T>(TracedMethod method, IEnumerable<T> source, KeyValuePair<string, object?>[]? tags) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() => new Enumerator(method, source.GetEnumerator(), tags);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(TracedMethod method, IEnumerator<T> inner, KeyValuePair<string, object?>[]? tags) : IEnumerator<T>
    {
        private EnumerationSpan span = new(method, tags);

        public T Current => inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            var outside = span.Enter();

            try
            {
                return inner.MoveNext();
            }
            catch (Exception e) when (TracedCall.Fail(span.Span, e))
            {
                throw;
            }
            finally
            {
                Activity.Current = outside;
            }
        }

        public void Reset() => inner.Reset();

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            finally
            {
                span.End();
            }
        }
    }
}
