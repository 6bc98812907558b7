using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Shapes.Tests.Support;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public static class Sequences
{
    public static Exception? LastThrown { get; private set; }

    [Traced]
    public static IEnumerable<int> Count(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Calculator.Add(i, 0);
        }
    }

    [Traced]
    public static IEnumerable<int> Checked(int count)
    {
        if (count < 0) throw (LastThrown = new ArgumentOutOfRangeException(nameof(count)));
        return Iterate(count);

        static IEnumerable<int> Iterate(int count)
        {
            for (var i = 0; i < count; i++) yield return i;
        }
    }

    [Traced]
    public static IEnumerable<int> FailsAfter(int count)
    {
        for (var i = 0; i < count; i++) yield return i;
        var e = new InvalidOperationException("iterator failed");
        LastThrown = e;
        throw e;
    }

    [Traced]
    public static List<int> AsList(List<int> list) => list;

    [Traced]
    public static async IAsyncEnumerable<int> StreamAsync(int count, int delayMilliseconds, [EnumeratorCancellation] CancellationToken token = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Pause.AtLeast(delayMilliseconds, token);
            yield return Calculator.Add(i, 0);
        }
    }

    [Traced]
    public static async IAsyncEnumerable<int> StreamFailsAsync()
    {
        await Task.Yield();
        yield return 1;
        await Task.Yield();
        var e = new InvalidOperationException("stream failed");
        LastThrown = e;
        throw e;
    }
}

public sealed class IteratorShapeTests
{
    [Fact]
    public void Iterator_span_starts_at_the_first_MoveNext_and_ends_at_Dispose()
    {
        using var capture = SpanCapture.Start();

        var sequence = Sequences.Count(3);
        Assert.Empty(capture.Started);
        var enumerator = sequence.GetEnumerator();
        Assert.Empty(capture.Started);

        var items = new List<int>();
        var firstStep = DateTime.UtcNow;
        while (enumerator.MoveNext())
        {
            Assert.Same(capture.Root, Activity.Current); // the consumer's own activity between items
            items.Add(enumerator.Current);
        }

        Assert.DoesNotContain("Sequences.Count", capture.Names);
        var beforeDispose = DateTime.UtcNow;
        enumerator.Dispose();

        Assert.Equal([0, 1, 2], items);
        var span = capture.Single("Sequences.Count");
        Expect.ChildOf(capture.Root, span);
        Expect.Ok(span);
        Assert.True(span.StartTimeUtc >= firstStep.AddMilliseconds(-1) && span.StartTimeUtc + span.Duration >= beforeDispose, "the span covers the enumeration");
        var adds = capture.Spans.Where(s => s.DisplayName == "Calculator.Add").ToList();
        Assert.Equal(3, adds.Count);
        Assert.All(adds, add => Expect.ChildOf(span, add));
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public void Foreach_over_an_iterator_makes_one_span_and_consumer_calls_stay_outside_it()
    {
        using var capture = SpanCapture.Start();

        var total = 0;
        foreach (var n in Sequences.Count(2)) total += Calculator.Multiply(n, 10);

        Assert.Equal(10, total);
        var span = capture.Single("Sequences.Count");
        Assert.All(capture.Spans.Where(s => s.DisplayName == "calc.multiply"), m => Expect.ChildOf(capture.Root, m));
        Assert.All(capture.Spans.Where(s => s.DisplayName == "Calculator.Add"), a => Expect.ChildOf(span, a));
    }

    [Fact]
    public void Eager_argument_check_in_a_non_iterator_method_throws_at_the_call()
    {
        using var capture = SpanCapture.Start();

        var caught = Expect.ThrowsAtCall<ArgumentOutOfRangeException>(() => Sequences.Checked(-1));
        Assert.Equal([0, 1], Sequences.Checked(2));

        Assert.Equal("count", caught.ParamName);
        var spans = capture.Spans;
        Assert.Equal(["Sequences.Checked", "Sequences.Checked"], spans.Select(s => s.DisplayName));
        Expect.SameException(Sequences.LastThrown, caught, nameof(Sequences.Checked));
        Expect.Recorded(spans[0], caught, nameof(Sequences.Checked));
        Expect.Ok(spans[1]);
    }

    [Fact]
    public void Iterator_exception_is_recorded_and_thrown_from_MoveNext_unchanged()
    {
        using var capture = SpanCapture.Start();
        var items = new List<int>();

        var caught = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var n in Sequences.FailsAfter(2)) items.Add(n);
        });

        Assert.Equal([0, 1], items);
        Expect.SameException(Sequences.LastThrown, caught, nameof(Sequences.FailsAfter));
        Expect.Recorded(capture.Single("Sequences.FailsAfter"), caught, nameof(Sequences.FailsAfter));
    }

    [Fact]
    public void Non_iterator_returning_a_list_returns_the_very_same_list()
    {
        using var capture = SpanCapture.Start();
        var list = new List<int> { 1, 2 };

        Assert.Same(list, Sequences.AsList(list));

        Assert.Equal(["Sequences.AsList"], capture.Names);
    }

    [Fact]
    public async Task Async_iterator_span_covers_the_enumeration()
    {
        using var capture = SpanCapture.Start();

        var stream = Sequences.StreamAsync(2, 30);
        Assert.Empty(capture.Started);
        var items = new List<int>();
        await foreach (var n in stream)
        {
            Assert.Same(capture.Root, Activity.Current);
            items.Add(n);
        }

        Assert.Equal([0, 1], items);
        var span = capture.Single("Sequences.StreamAsync");
        Expect.ChildOf(capture.Root, span);
        Expect.Ok(span);
        Assert.True(span.Duration >= TimeSpan.FromMilliseconds(59), $"duration {span.Duration}"); // two pauses of at least 30 ms
        Assert.All(capture.Spans.Where(s => s.DisplayName == "Calculator.Add"), a => Expect.ChildOf(span, a));
        Assert.Same(capture.Root, Activity.Current);
    }

    [Fact]
    public async Task Async_iterator_keeps_cancellation_and_records_it()
    {
        using var capture = SpanCapture.Start();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var n in Sequences.StreamAsync(10, 10).WithCancellation(cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });

        var span = capture.Single("Sequences.StreamAsync");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Async_iterator_exception_is_recorded_and_thrown_unchanged()
    {
        using var capture = SpanCapture.Start();
        var items = new List<int>();

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var n in Sequences.StreamFailsAsync()) items.Add(n);
        });

        Assert.Equal([1], items);
        Expect.SameException(Sequences.LastThrown, caught, nameof(Sequences.StreamFailsAsync));
        Expect.Recorded(capture.Single("Sequences.StreamFailsAsync"), caught, nameof(Sequences.StreamFailsAsync));
    }
}
