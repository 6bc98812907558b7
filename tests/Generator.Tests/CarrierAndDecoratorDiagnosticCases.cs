using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>TRC013-TRC016: [TraceContext] carriers the span cannot use, and [Traced] interfaces without a decorator.</summary>
internal static class CarrierAndDecoratorDiagnosticCases
{
    public static IEnumerable<(string Name, DiagnosticCase Case)> All()
    {
        yield return ("TRC013_carrier_of_a_type_the_span_cannot_use", new DiagnosticCase("/src/Carrier.cs", """
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
            """,
            "TRC013 Warning /src/Carrier.cs(10,54)-(10,61): [TraceContext] on 'headers' of 'Queue.Receive(string)' is ignored: a Consumer span needs a carrier of type 'System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>>' to extract its parent context from, and 'string' is not one. Change the parameter's type, or remove [TraceContext] and call 'TraceContext.Extract(carrier, getter)' with a callback inside 'using var span = Tracing.Block();'.",
            "TRC013 Warning /src/Carrier.cs(13,80)-(13,87): [TraceContext] on 'headers' of 'Queue.Send(IReadOnlyDictionary<string, string>)' is ignored: a Producer span needs a carrier of type 'System.Collections.Generic.IDictionary<string, string>' to inject its context into, and 'System.Collections.Generic.IReadOnlyDictionary<string, string>' is not one. Change the parameter's type, or remove [TraceContext] and call 'TraceContext.Inject(span, carrier, setter)' with a callback inside 'using var span = Tracing.Block();'.")
        {
            OrdinarySpans = ["Receive(\"x\")", "Send(new Dictionary<string, string>())"],
        });

        yield return ("TRC014_carrier_on_an_internal_span", new DiagnosticCase("/src/Carrier.cs", """
            using System.Collections.Generic;
            using Instrumentation;

            namespace Demo;

            public static class Queue
            {
                [Traced]
                public static void Handle([TraceContext] Dictionary<string, string> headers) { }

                public static void Run() => Handle(new Dictionary<string, string>());
            }
            """,
            "TRC014 Warning /src/Carrier.cs(9,73)-(9,80): [TraceContext] on 'headers' of 'Queue.Handle(Dictionary<string, string>)' has no effect: its span kind is Internal. Set Kind on [Traced]: Consumer and Server spans extract their parent context from the carrier, Producer and Client spans inject their context into it.")
        {
            OrdinarySpans = ["Handle(new Dictionary<string, string>())"],
        });

        yield return ("TRC014_carrier_on_a_method_that_is_not_traced", new DiagnosticCase("/src/Carrier.cs", """
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
            """,
            "TRC014 Warning /src/Carrier.cs(10,74)-(10,81): [TraceContext] on 'headers' of 'Queue.Receive(Dictionary<string, string>)' has no effect: the method is not traced. Add [Traced(Kind = ActivityKind.Consumer)] (or Server, Producer, Client) to it, or remove [TraceContext]."));

        yield return ("TRC015_more_than_one_carrier", new DiagnosticCase("/src/Carrier.cs", """
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
            """,
            "TRC015 Warning /src/Carrier.cs(10,24)-(10,30): 'Queue.Handle(Dictionary<string, string>, Dictionary<string, string>)' has more than one [TraceContext] parameter ('a', 'b'), so its span uses none of them. Keep [TraceContext] on the one parameter that carries the trace context.")
        {
            OrdinarySpans = ["Handle(new(), new())"],
        });

        yield return ("TRC016_interface_without_a_decorator", new DiagnosticCase("/src/Decorated.cs", """
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
            """,
            "TRC016 Warning /src/Decorated.cs(8,23)-(8,30): No decorator is generated for 'Outer.IHidden': type 'IHidden' is not accessible to generated code in this assembly (make it internal or public). Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.",
            "TRC006 Info /src/Decorated.cs(10,14)-(10,17): 'Outer.IHidden.Run()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC016 Warning /src/Decorated.cs(15,18)-(15,25): No decorator is generated for 'IParser<TSelf>': it has static abstract member 'Parse', which a decorator cannot forward. Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.",
            "TRC006 Info /src/Decorated.cs(17,27)-(17,32): 'IParser<TSelf>.Parse(string)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC006 Info /src/Decorated.cs(19,9)-(19,15): 'IParser<TSelf>.Length()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC016 Warning /src/Decorated.cs(23,18)-(23,26): No decorator is generated for 'IOptions': property 'Name' has an init accessor, which a decorator cannot forward. Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.")
        {
            Traced = ["options.Apply()"],
            Also = run => Assert.Null(run.DecoratorsText),
        });
    }
}
