using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// TRC013-TRC016: their ID, severity, location and message, that the call still gets an ordinary
/// span (carriers) or stays intercepted (decorators), and that the code still compiles cleanly.
/// </summary>
public sealed class CarrierAndDecoratorDiagnosticTests
{
    [Fact]
    public void TRC013_carrier_of_a_type_the_span_cannot_use()
    {
        var run = GeneratorHarness.Run("/src/Carrier.cs", """
            using System.Collections.Generic;
            using System.Diagnostics;
            using Instrumentation;

            namespace Demo;

            public static class Queue
            {
                [Traced(Kind = ActivityKind.Consumer)]
                public static void Receive([TraceContext] string headers) { }

                [Traced(Kind = ActivityKind.Producer)]
                public static void Send([TraceContext] IReadOnlyDictionary<string, string> headers) { }

                public static void Run()
                {
                    Receive("x");
                    Send(new Dictionary<string, string>());
                }
            }
            """);

        AssertDiagnostics(run,
            "TRC013 Warning /src/Carrier.cs(10,54)-(10,61): [TraceContext] on 'headers' of 'Queue.Receive(string)' is ignored: a Consumer span needs a carrier of type 'System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>>' to extract its parent context from, and 'string' is not one. Change the parameter's type, or remove [TraceContext] and call 'TraceContext.Extract(carrier, getter)' with a callback inside 'using var span = Tracing.Block();'.",
            "TRC013 Warning /src/Carrier.cs(13,80)-(13,87): [TraceContext] on 'headers' of 'Queue.Send(IReadOnlyDictionary<string, string>)' is ignored: a Producer span needs a carrier of type 'System.Collections.Generic.IDictionary<string, string>' to inject its context into, and 'System.Collections.Generic.IReadOnlyDictionary<string, string>' is not one. Change the parameter's type, or remove [TraceContext] and call 'TraceContext.Inject(span, carrier, setter)' with a callback inside 'using var span = Tracing.Block();'.");
        AssertOrdinarySpans(run, "Receive(\"x\")", "Send(new Dictionary<string, string>())");
    }

    [Fact]
    public void TRC014_carrier_on_an_internal_span()
    {
        var run = GeneratorHarness.Run("/src/Carrier.cs", """
            using System.Collections.Generic;
            using Instrumentation;

            namespace Demo;

            public static class Queue
            {
                [Traced]
                public static void Handle([TraceContext] Dictionary<string, string> headers) { }

                public static void Run() => Handle(new Dictionary<string, string>());
            }
            """);

        AssertDiagnostics(run,
            "TRC014 Warning /src/Carrier.cs(9,73)-(9,80): [TraceContext] on 'headers' of 'Queue.Handle(Dictionary<string, string>)' has no effect: its span kind is Internal. Set Kind on [Traced]: Consumer and Server spans extract their parent context from the carrier, Producer and Client spans inject their context into it.");
        AssertOrdinarySpans(run, "Handle(new Dictionary<string, string>())");
    }

    [Fact]
    public void TRC014_carrier_on_a_method_that_is_not_traced()
    {
        var run = GeneratorHarness.Run("/src/Carrier.cs", """
            using System.Collections.Generic;
            using Instrumentation;

            namespace Demo;

            public interface IHandler { void Handle([TraceContext] Dictionary<string, string> headers); }

            public class Queue : IHandler
            {
                public static void Receive([TraceContext] Dictionary<string, string> headers) { }

                // Not warned: overridable and interface members lend their carrier to a traced override or implementation.
                public virtual void Overridable([TraceContext] Dictionary<string, string> headers) { }
                public void Handle(Dictionary<string, string> headers) { }
            }
            """);

        AssertDiagnostics(run,
            "TRC014 Warning /src/Carrier.cs(10,74)-(10,81): [TraceContext] on 'headers' of 'Queue.Receive(Dictionary<string, string>)' has no effect: the method is not traced. Add [Traced(Kind = ActivityKind.Consumer)] (or Server, Producer, Client) to it, or remove [TraceContext].");
    }

    [Fact]
    public void TRC015_more_than_one_carrier()
    {
        var run = GeneratorHarness.Run("/src/Carrier.cs", """
            using System.Collections.Generic;
            using System.Diagnostics;
            using Instrumentation;

            namespace Demo;

            public static class Queue
            {
                [Traced(Kind = ActivityKind.Server)]
                public static void Handle([TraceContext] Dictionary<string, string> a, [TraceContext] Dictionary<string, string> b) { }

                public static void Run() => Handle(new(), new());
            }
            """);

        AssertDiagnostics(run,
            "TRC015 Warning /src/Carrier.cs(10,24)-(10,30): 'Queue.Handle(Dictionary<string, string>, Dictionary<string, string>)' has more than one [TraceContext] parameter ('a', 'b'), so its span uses none of them. Keep [TraceContext] on the one parameter that carries the trace context.");
        AssertOrdinarySpans(run, "Handle(new(), new())");
    }

    [Fact]
    public void TRC016_interface_without_a_decorator()
    {
        var run = GeneratorHarness.Run("/src/Decorated.cs", """
            using Instrumentation;

            namespace Demo;

            public class Outer
            {
                [Traced]
                private interface IHidden
                {
                    void Run();
                }
            }

            [Traced]
            public interface IParser<TSelf> where TSelf : IParser<TSelf>
            {
                static abstract TSelf Parse(string text);

                int Length();
            }

            [Traced]
            public interface IOptions
            {
                string Name { get; init; }

                void Apply();
            }

            public static class Use
            {
                public static int Run(IOptions options)
                {
                    options.Apply();
                    return 0;
                }
            }
            """);

        AssertDiagnostics(run,
            "TRC016 Warning /src/Decorated.cs(8,23)-(8,30): No decorator is generated for 'Outer.IHidden': type 'IHidden' is not accessible to generated code in this assembly (make it internal or public). Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.",
            "TRC016 Warning /src/Decorated.cs(15,18)-(15,25): No decorator is generated for 'IParser<TSelf>': it has static abstract member 'Parse', which a decorator cannot forward. Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.",
            "TRC016 Warning /src/Decorated.cs(23,18)-(23,26): No decorator is generated for 'IOptions': property 'Name' has an init accessor, which a decorator cannot forward. Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.");
        Assert.Null(run.DecoratorsText);
        Assert.NotNull(Inspect.InterceptorOf(run, "options.Apply()"));
        run.AssertCompilesCleanly();
    }

    /// <summary>Each call is still intercepted, and its span starts the ordinary way (no carrier read or written).</summary>
    private static void AssertOrdinarySpans(GeneratorRun run, params string[] calls)
    {
        foreach (var call in calls) Assert.NotNull(Inspect.InterceptorOf(run, call));
        Assert.DoesNotContain("StartConsumer", run.GeneratedText, System.StringComparison.Ordinal);
        Assert.DoesNotContain("StartProducer", run.GeneratedText, System.StringComparison.Ordinal);
        Assert.Equal(calls.Length, run.GeneratedText!.Split(".Start();").Length - 1);
        run.AssertCompilesCleanly();
    }

    private static void AssertDiagnostics(GeneratorRun run, params string[] expected)
    {
        run.AssertGeneratorDidNotThrow();
        var reported = run.GeneratorDiagnostics.Where(d => d.Id != "TRC006").Select(Inspect.Describe);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", reported));
    }
}
