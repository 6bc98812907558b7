using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Code location of <c>[Traced]</c> spans: a running tracer writes <c>code.function.name</c>,
/// <c>code.file.path</c> and <c>code.line.number</c> into every span it reports (UDP compact and
/// HTTP binary, decoded by ApacheThrift), from one copy per method; the Activity itself carries them
/// only when asked (<see cref="TracerConfiguration.CodeTagsOnActivity"/>) or when no tracer runs.
/// </summary>
public sealed class CodeLocationWireTests
{
    private const string Source = "Instrumentation.Runtime.Tests";
    private const string Type = "Instrumentation.Runtime.Tests.Located";

    [Fact]
    public void Reported_spans_carry_the_location_and_the_Activity_does_not()
    {
        using var agent = new UdpAgent();
        using var other = new OtherListener();
        using (agent.Configure("located", Source).Start())
        {
            Located.Work(1);
        }

        var span = Single(agent.WaitForSpans(1), "Located.Work");
        AssertLocation(span, Type + ".Work", Located.WorkLine);
        var seen = other.Spans.Single(s => s.OperationName == "Located.Work");
        Assert.Null(seen.GetTagItem("code.function.name"));
        Assert.Null(seen.GetTagItem("code.line.number"));
    }

    [Fact]
    public void CodeTagsOnActivity_shows_them_to_other_listeners_and_the_wire_has_them_once()
    {
        using var agent = new UdpAgent();
        using var other = new OtherListener();
        var config = agent.Configure("located", Source);
        config.CodeTagsOnActivity = true;
        using (config.Start())
        {
            Located.Work(1);
        }

        AssertLocation(Single(agent.WaitForSpans(1), "Located.Work"), Type + ".Work", Located.WorkLine);
        var seen = other.Spans.Single(s => s.OperationName == "Located.Work");
        Assert.Equal(Type + ".Work", seen.GetTagItem("code.function.name"));
        Assert.Equal(Located.WorkLine, seen.GetTagItem("code.line.number"));
    }

    [Fact]
    public void Without_a_running_tracer_the_Activity_carries_them_for_whoever_listens()
    {
        using var other = new OtherListener();
        Located.Work(1);

        var seen = other.Spans.Single(s => s.OperationName == "Located.Work");
        Assert.Equal(Type + ".Work", seen.GetTagItem("code.function.name"));
        Assert.EndsWith("CodeLocationWireTests.cs", (string)seen.GetTagItem("code.file.path")!);
        Assert.Equal(Located.WorkLine, seen.GetTagItem("code.line.number"));
    }

    [Fact]
    public void Overloads_that_share_a_span_name_each_arrive_with_their_own_line()
    {
        using var agent = new UdpAgent();
        using (agent.Configure("located", Source).Start())
        {
            for (var i = 0; i < 3; i++)
            {
                Located.Twice(1);
                Located.Twice("one");
            }
        }

        var spans = agent.WaitForSpans(6).SelectMany(b => b.Spans).Where(s => s.OperationName == "Located.Twice").ToList();
        Assert.Equal(6, spans.Count);
        Assert.All(spans, s => Assert.Single(s.Tags, t => t.Key == "code.line.number"));
        Assert.Equal(
            [Located.TwiceIntLine, Located.TwiceTextLine, Located.TwiceIntLine, Located.TwiceTextLine, Located.TwiceIntLine, Located.TwiceTextLine],
            spans.OrderBy(s => s.StartTime).Select(s => (int)(long)s.Tag("code.line.number")!));
    }

    [Fact]
    public void Named_blocks_arrive_with_the_location_whether_the_name_is_a_literal_or_built()
    {
        using var agent = new UdpAgent();
        using (agent.Configure("located", Source).Start())
        {
            Located.Blocks("built-" + Environment.ProcessorCount);
        }

        var batches = agent.WaitForSpans(3);
        AssertLocation(Single(batches, "literal block"), Type + ".Blocks", Located.LiteralBlockLine);
        AssertLocation(Single(batches, "built-" + Environment.ProcessorCount), Type + ".Blocks", Located.BuiltBlockLine);
    }

    [Fact]
    public void The_HTTP_sender_writes_them_too()
    {
        using var collector = new HttpCollector();
        var config = new TracerConfiguration("located");
        config.Sender.Endpoint = collector.Endpoint;
        using (config.Start())
        {
            Located.Work(1);
        }

        AssertLocation(Single(collector.WaitForSpans(1), "Located.Work"), Type + ".Work", Located.WorkLine);
    }

    [Fact]
    public void A_location_too_long_for_the_tag_limit_is_cut_and_counted_like_any_tag()
    {
        using var agent = new UdpAgent();
        var config = agent.Configure("located", Source);
        config.Reporter.MaxTagValueLength = 20; // the keys (18 at most) fit, the values do not
        TracerCounters counters;
        using (var tracer = config.Start())
        {
            Located.Work(1);
            tracer.Dispose();
            counters = tracer.Counters;
        }

        var span = Single(agent.WaitForSpans(1), "Located.Work");
        Assert.Equal(Type[..20], span.Tag("code.function.name"));
        Assert.Equal(20, ((string)span.Tag("code.file.path")!).Length);
        Assert.True(counters.TagValuesTruncated >= 2, counters.ToString());
    }

    private static JaegerSpan Single(IEnumerable<JaegerBatch> batches, string name) =>
        batches.SelectMany(b => b.Spans).Single(s => s.OperationName == name);

    private static void AssertLocation(JaegerSpan span, string function, int line)
    {
        Assert.Single(span.Tags, t => t.Key == "code.function.name");
        Assert.Equal(function, span.Tag("code.function.name"));
        Assert.EndsWith("CodeLocationWireTests.cs", (string)span.Tag("code.file.path")!);
        Assert.Equal((long)line, span.Tag("code.line.number"));
    }

    /// <summary>Another listener of the same spans (as an OpenTelemetry SDK would be), recording all of them.</summary>
    private sealed class OtherListener : IDisposable
    {
        private readonly ActivityListener listener;
        private readonly List<Activity> spans = new();

        public OtherListener()
        {
            listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == Source,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = s =>
                {
                    lock (spans) spans.Add(s);
                },
            };
            ActivitySource.AddActivityListener(listener);
        }

        public IReadOnlyList<Activity> Spans
        {
            get
            {
                lock (spans) return spans.ToList();
            }
        }

        public void Dispose() => listener.Dispose();
    }
}

/// <summary>Traced code whose lines the tests know: each declaration shares its line with the field that records it.</summary>
public static class Located
{
    public static readonly int WorkLine = Line(); [Traced] public static int Work(int x) => x + 1;

    public static readonly int TwiceIntLine = Line(); [Traced] public static int Twice(int x) => x;

    public static readonly int TwiceTextLine = Line(); [Traced] public static string Twice(string x) => x;

    public static int LiteralBlockLine, BuiltBlockLine;

    public static void Blocks(string builtName)
    {
        LiteralBlockLine = Line(); using (Tracing.Block("literal block")) { }
        BuiltBlockLine = Line(); using (Tracing.Block(builtName)) { }
    }

    private static int Line([CallerLineNumber] int line = 0) => line;
}
