using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation;

/// <summary>The async-iterator twin of <see cref="TracedEnumerable{T}"/>: the span covers first <c>MoveNextAsync</c> to <c>DisposeAsync</c>.</summary>
internal sealed class TracedAsyncEnumerable<T>(TracedMethod method, IAsyncEnumerable<T> source, KeyValuePair<string, object?>[]? tags) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(method, source.GetAsyncEnumerator(cancellationToken), tags);

    private sealed class Enumerator(TracedMethod method, IAsyncEnumerator<T> inner, KeyValuePair<string, object?>[]? tags) : IAsyncEnumerator<T>
    {
        private EnumerationSpan span = new(method, tags);

        public T Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            var outside = span.Enter();

            try
            {
                var next = inner.MoveNextAsync();
                return next.IsCompletedSuccessfully || span.Span is null ? next : Observe(next, span.Span);
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

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                span.End();
            }
        }

        private static async ValueTask<bool> Observe(ValueTask<bool> next, Activity span)
        {
            try
            {
                return await next.ConfigureAwait(false);
            }
            catch (Exception e) when (TracedCall.Fail(span, e))
            {
                throw;
            }
        }
    }
}
