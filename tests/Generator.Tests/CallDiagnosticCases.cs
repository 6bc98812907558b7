using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>TRC001-TRC012: calls and declarations the generator cannot trace as asked.</summary>
internal static class CallDiagnosticCases
{
    public static IEnumerable<(string Name, DiagnosticCase Case)> All()
    {
        yield return ("TRC001_call_through_base_is_not_intercepted", new DiagnosticCase("/src/Base.cs", """
            using Instrumentation;

            namespace Demo;

            public class Store
            {
                [Traced]
                public virtual int Load(int id) => id;
            }

            public class CachedStore : Store
            {
                public override int Load(int id) => base.Load(id) + 1;
            }

            public static class Use
            {
                public static int Run() => new CachedStore().Load(1);
            }
            """,
            "TRC001 Warning /src/Base.cs(13,41)-(13,54): The call to 'Store.Load(int)' through 'base' is not traced: an interceptor there would call itself forever. Call it without 'base.' or put 'using var span = Tracing.Block();' inside the base method.")
        {
            Traced = ["new CachedStore().Load(1)"],
            NotTraced = ["base.Load(id)"],
        });

        yield return ("TRC002_call_inside_an_expression_tree", new DiagnosticCase("/src/Query.cs", """
            using System;
            using System.Linq.Expressions;
            using Instrumentation;

            namespace Demo;

            public static class Prices
            {
                [Traced]
                public static decimal WithTax(decimal net) => net * 1.2m;

                public static Expression<Func<decimal, decimal>> Rule() => net => WithTax(net);

                public static decimal Now(decimal net) => WithTax(net);
            }
            """,
            "TRC002 Info /src/Query.cs(12,71)-(12,83): The call to 'Prices.WithTax(decimal)' inside an expression tree is not traced, so LINQ providers still see the original method. Trace the code that runs the query instead.")
        {
            // Both calls read "WithTax(net)": told apart by position.
            Also = run =>
            {
                var calls = run.Output.SyntaxTrees.First().GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();
                var model = run.Output.GetSemanticModel(run.Output.SyntaxTrees.First());
                Assert.Equal(2, calls.Count);
                Assert.Null(model.GetInterceptorMethod(calls[0]));
                Assert.NotNull(model.GetInterceptorMethod(calls[1]));
            },
        });

        yield return ("TRC003_method_group_is_reported_where_it_is_used", new DiagnosticCase("/src/Delegates.cs", """
            using System;
            using System.Linq;
            using Instrumentation;

            namespace Demo;

            public static class Parser
            {
                [Traced]
                public static int Parse(string text) => text.Length;

                public static int[] All(string[] texts) => texts.Select(Parser.Parse).ToArray();

                public static int One(string text) => Parse(text);
            }
            """,
            "TRC003 Warning /src/Delegates.cs(12,68)-(12,73): 'Parser.Parse(string)' is used as a method group, so calls through the delegate are not traced. Use a lambda that calls it (for example 'x => Parser.Parse(x)'), or put 'using var span = Tracing.Block();' inside it.")
        {
            Traced = ["Parse(text)"],
            Also = run => Assert.Single(Regex.Matches(run.GeneratedText!, "InterceptsLocation\\(")),
        });

        yield return ("TRC011_parenthesized_method_is_a_call_not_a_method_group", new DiagnosticCase("/src/Parens.cs", """
            using Instrumentation;

            namespace Demo;

            public class Counter
            {
                [Traced]
                public int Next(int by) => by + 1;

                public int Run() => (this.Next)(3) + ((Next))(4) + Next(5);
            }
            """,
            "TRC011 Warning /src/Parens.cs(10,25)-(10,39): The call to 'Counter.Next(int)' is not traced: the method is called through parentheses, as in '(x.M)(...)', where no interceptor can reach it (remove the parentheses). Put 'using var span = Tracing.Block();' inside the method instead.",
            "TRC011 Warning /src/Parens.cs(10,42)-(10,53): The call to 'Counter.Next(int)' is not traced: the method is called through parentheses, as in '(x.M)(...)', where no interceptor can reach it (remove the parentheses). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            Traced = ["Next(5)"],
        });

        yield return ("TRC004_static_abstract_via_type_parameter", new DiagnosticCase("/src/Factory.cs", """
            using Instrumentation;

            namespace Demo;

            public interface IFactory<TSelf> where TSelf : IFactory<TSelf>
            {
                [Traced]
                static abstract TSelf Create();
            }

            public sealed class Widget : IFactory<Widget>
            {
                public static Widget Create() => new();
            }

            public static class Use
            {
                public static T Make<T>() where T : IFactory<T> => T.Create();
            }
            """,
            "TRC006 Info /src/Factory.cs(8,27)-(8,33): 'IFactory<TSelf>.Create()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC004 Warning /src/Factory.cs(18,56)-(18,66): The call to 'IFactory<T>.Create()' through type parameter 'T' cannot be intercepted. Put 'using var span = Tracing.Block();' inside the implementations.")
        {
            NothingGenerated = true,
        });

        yield return ("TRC005_member_of_a_type_generated_code_cannot_name", new DiagnosticCase("/src/Secrets.cs", """
            using Instrumentation;

            namespace Demo;

            public class Vault
            {
                [Traced]
                private int Open(int code) => code;

                [Traced]
                internal int Close() => 0;

                [Traced]
                private sealed class Lock
                {
                    public int Turn() => 1;
                }

                public int Use() => Open(42) + Close() + new Lock().Turn() + new Hidden().Peek();
            }

            file sealed class Hidden
            {
                [Traced]
                public int Peek() => 0;
            }
            """,
            "TRC006 Info /src/Secrets.cs(16,20)-(16,24): 'Vault.Lock.Turn()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC005 Warning /src/Secrets.cs(19,46)-(19,63): The call to 'Vault.Lock.Turn()' is not traced: type 'Lock' (private) is not accessible to generated code in this assembly. Make it internal (or public), or put 'using var span = Tracing.Block();' inside it.",
            "TRC005 Warning /src/Secrets.cs(19,66)-(19,85): The call to 'Hidden.Peek()' is not traced: type 'Hidden' (file-local) is not accessible to generated code in this assembly. Make it internal (or public), or put 'using var span = Tracing.Block();' inside it.",
            "TRC006 Info /src/Secrets.cs(25,16)-(25,20): 'Hidden.Peek()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).")
        {
            Traced = ["Open(42)", "Close()"], // Open is private, but reachable through [UnsafeAccessor]
            NotTraced = ["new Lock().Turn()", "new Hidden().Peek()"],
        });

        // A private type named only through a containing type's type argument (Dictionary<string, Entry>.ValueCollection):
        // CS0122 in the generated code before; now the same TRC005 as a private type named directly.
        yield return ("TRC005_private_type_as_a_containing_types_type_argument", new DiagnosticCase("/src/Cache.cs", """
            using System.Collections.Generic;
            using Instrumentation;

            namespace Demo;

            public class Cache
            {
                private sealed class Entry { }
                private readonly Dictionary<string, Entry> map = new();

                [Traced]
                private int Sweep(Dictionary<string, Entry>.ValueCollection entries) => entries.Count;

                public int Run() => Sweep(map.Values);
            }
            """,
            "TRC006 Info /src/Cache.cs(12,17)-(12,22): 'Cache.Sweep(Dictionary<string, Cache.Entry>.ValueCollection)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC005 Warning /src/Cache.cs(14,25)-(14,42): The call to 'Cache.Sweep(Dictionary<string, Cache.Entry>.ValueCollection)' is not traced: the method (private) is not accessible to generated code in this assembly. Make it internal (or public), or put 'using var span = Tracing.Block();' inside it.")
        {
            NotTraced = ["Sweep(map.Values)"],
        });

        // [assembly: Traced] on a library that treats warnings as errors (Stateless does): the calls it
        // cannot trace are its own, not ones the developer chose, so they must not break the build.
        yield return ("Assembly_wide_only_calls_are_reported_as_messages", new DiagnosticCase("/src/Machine.cs", """
            using Instrumentation;

            [assembly: Traced]

            namespace Demo;

            public class Machine
            {
                private sealed class Step
                {
                    public int Run() => 1;
                }

                public virtual int Fire() => 1;

                public int Use() => new Step().Run() + Fire();
            }

            public class Loud : Machine
            {
                public override int Fire() => base.Fire() + 1;
            }

            public class Chosen
            {
                [Traced]
                public virtual int Pick() => 1;
            }

            public class Picky : Chosen
            {
                public override int Pick() => base.Pick() + 1;
            }
            """,
            "TRC005 Info /src/Machine.cs(16,25)-(16,41): The call to 'Machine.Step.Run()' is not traced: type 'Step' (private) is not accessible to generated code in this assembly. Make it internal (or public), or put 'using var span = Tracing.Block();' inside it.",
            "TRC001 Info /src/Machine.cs(21,35)-(21,46): The call to 'Machine.Fire()' through 'base' is not traced: an interceptor there would call itself forever. Call it without 'base.' or put 'using var span = Tracing.Block();' inside the base method.",
            "TRC006 Info /src/Machine.cs(27,24)-(27,28): 'Chosen.Pick()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC001 Warning /src/Machine.cs(32,35)-(32,46): The call to 'Chosen.Pick()' through 'base' is not traced: an interceptor there would call itself forever. Call it without 'base.' or put 'using var span = Tracing.Block();' inside the base method.")
        {
            Traced = ["Fire()"],
        });

        yield return ("TRC006_traced_method_without_calls", new DiagnosticCase("/src/Unused.cs", """
            using Instrumentation;

            namespace Demo;

            public class Api
            {
                [Traced]
                public void Ping() { }
            }

            public interface IClock
            {
                [Traced]
                long Now();
            }

            [Traced]
            public interface IQueue
            {
                int Take();
            }

            public abstract class Job
            {
                [Traced]
                public abstract void Execute();
            }

            public sealed class Impl : Job, IClock, IQueue
            {
                public long Now() => 0;
                int IQueue.Take() => 1;
                public override void Execute() { }

                // Calls of the implementation and the override are traced, so their [Traced] declarations are used.
                public static long Use(Impl impl)
                {
                    impl.Execute();
                    return impl.Now();
                }
            }
            """,
            "TRC006 Info /src/Unused.cs(8,17)-(8,21): 'Api.Ping()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC006 Info /src/Unused.cs(20,9)-(20,13): 'IQueue.Take()' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).")
        {
            Traced = ["impl.Execute()", "impl.Now()"],
        });

        yield return ("TRC007_async_void_traced_until_first_await", new DiagnosticCase("/src/Events.cs", """
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            [Traced]
            public class Button
            {
                [Traced]
                public async void OnClick() => await Task.Yield();

                [NotTraced]
                public void Click() => OnClick();
            }
            """,
            "TRC007 Warning /src/Events.cs(10,23)-(10,30): 'Button.OnClick()' is async void: its completion cannot be observed, so its span covers only the part before the first await and exceptions after it are not recorded. Return Task instead.")
        {
            // Reported once, though both the type and the method say [Traced]; as the message says, the call is still traced.
            Also = run => Assert.Matches("^OnClick_[0-9a-f]{8}$", Inspect.InterceptorOf(run, "OnClick()")?.Name),
        });

        yield return ("TRC008_project_that_cannot_host_interceptors", new DiagnosticCase("/src/Api.cs", """
            using Instrumentation;

            namespace Demo;

            public class Api
            {
                [Traced]
                public void Ping() { }

                public void Use() => Ping();
            }
            """,
            "TRC008 Warning (no location): No [Traced] call is traced in this project: interceptors are not enabled for namespace Instrumentation.Generated. Add <InterceptorsNamespaces>$(InterceptorsNamespaces);Instrumentation.Generated</InterceptorsNamespaces> to the project (the Instrumentation package does this for you).")
        {
            ParseOptions = new CSharpParseOptions(LanguageVersion.Latest), // without the InterceptorsNamespaces feature
            NotTraced = ["Ping()"],
            NothingGenerated = true,
        });

        yield return ("TRC009_local_function_and_lambda_with_Traced", new DiagnosticCase("/src/Locals.cs", """
            using System;
            using Instrumentation;

            namespace Demo;

            public static class Work
            {
                public static int Run()
                {
                    Func<int> lambda = [Traced] () => 2;
                    return Twice(lambda());

                    [Traced]
                    static int Twice(int x) => x * 2;
                }
            }
            """,
            "TRC009 Warning /src/Locals.cs(10,29)-(10,35): 'lambda expression' is a local function or lambda, whose calls cannot be intercepted. Put 'using var span = Tracing.Block();' inside it instead.",
            "TRC009 Warning /src/Locals.cs(14,20)-(14,25): 'Twice' is a local function or lambda, whose calls cannot be intercepted. Put 'using var span = Tracing.Block();' inside it instead.")
        {
            NothingGenerated = true,
        });

        yield return ("TRC010_tag_of_a_type_that_needs_UseToString", new DiagnosticCase("/src/Tags.cs", """
            using Instrumentation;

            namespace Demo;

            public sealed record Payload(string Body);

            public class Sender
            {
                [Traced]
                [return: Tag]
                public Payload Send([Tag] Payload payload, [Tag] int attempt) => payload;

                public Payload Use() => Send(new Payload("x"), 1);
            }
            """,
            "TRC010 Warning /src/Tags.cs(11,20)-(11,24): [Tag] on 'return' of type 'Demo.Payload' is ignored: only primitives, strings, enums and Guids become tags by default. Set [Tag(UseToString = true)] to tag its ToString() text.",
            "TRC010 Warning /src/Tags.cs(11,39)-(11,46): [Tag] on 'payload' of type 'Demo.Payload' is ignored: only primitives, strings, enums and Guids become tags by default. Set [Tag(UseToString = true)] to tag its ToString() text.")
        {
            // The call is still traced, with the valid tag only.
            Traced = ["Send(new Payload(\"x\"), 1)"],
            Also = run =>
            {
                Assert.Contains("span.SetTag(\"attempt\", attempt);", run.GeneratedText, StringComparison.Ordinal);
                Assert.DoesNotContain("\"payload\"", run.GeneratedText, StringComparison.Ordinal);
                Assert.DoesNotContain("\"return\"", run.GeneratedText, StringComparison.Ordinal);
            },
        });

        yield return ("TRC011_pointer_and_arglist_signatures", new DiagnosticCase("/src/Native.cs", """
            using Instrumentation;

            namespace Demo;

            public static unsafe class Native
            {
                [Traced]
                public static int Peek(int* address) => *address;

                [Traced]
                public static int Count(__arglist) => new System.ArgIterator(__arglist).GetRemainingCount();

                public static int Use()
                {
                    var value = 7;
                    return Peek(&value) + Count(__arglist(1, 2));
                }
            }
            """,
            "TRC006 Info /src/Native.cs(8,23)-(8,27): 'Native.Peek(int*)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC006 Info /src/Native.cs(11,23)-(11,28): 'Native.Count(__arglist)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC011 Warning /src/Native.cs(16,16)-(16,28): The call to 'Native.Peek(int*)' is not traced: its signature has pointer types. Put 'using var span = Tracing.Block();' inside the method instead.",
            "TRC011 Warning /src/Native.cs(16,31)-(16,53): The call to 'Native.Count(__arglist)' is not traced: it uses __arglist. Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            NothingGenerated = true,
        });

        yield return ("TRC011_method_type_parameter_named_like_its_types", new DiagnosticCase("/src/Shadow.cs", """
            using Instrumentation;

            namespace Demo;

            public class Box<T>
            {
            #pragma warning disable CS0693 // the shadowing this test is about
                [Traced]
                public T Echo<T>(T value) => value;
            #pragma warning restore CS0693

                public static int Use() => new Box<string>().Echo(3);
            }
            """,
            "TRC006 Info /src/Shadow.cs(9,14)-(9,18): 'Box<T>.Echo<T>(T)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC011 Warning /src/Shadow.cs(12,32)-(12,57): The call to 'Box<string>.Echo<int>(int)' is not traced: its type parameters reuse the names of its containing type's type parameters (rename them). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            NothingGenerated = true,
        });

        // A return tag on a Task broke the build (CS0411: no tagging overload for a task without a result).
        yield return ("TRC018_tags_that_record_nothing", new DiagnosticCase("/src/Jobs.cs", """
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Demo;

            public static class Jobs
            {
                [Traced]
                [return: Tag(UseToString = true)]
                public static Task RunAsync() => Task.CompletedTask;

                [Traced]
                public static void Move([Tag("id")] int from, [Tag("id")] int to) { }

                public static Task Use()
                {
                    Move(1, 2);
                    return RunAsync();
                }
            }
            """,
            "TRC018 Warning /src/Jobs.cs(10,24)-(10,32): [Tag] on 'return' of 'Jobs.RunAsync()' is ignored: the method returns no value (void, Task or ValueTask).",
            "TRC018 Warning /src/Jobs.cs(13,67)-(13,69): [Tag] on 'to' of 'Jobs.Move(int, int)' is ignored: 'from' has the tag name 'id' too, and only one value per name is kept (give them different names).")
        {
            Traced = ["RunAsync()", "Move(1, 2)"],
        });

        // An override's inherited constraint, substituted: 'where T : object' and 'where T : string' broke the build (CS0702, CS0701).
        yield return ("TRC011_override_constraint_no_declaration_can_write", new DiagnosticCase("/src/Overrides.cs", """
            using Instrumentation;

            namespace Demo;

            public class Base<U>
            {
                [Traced]
                public virtual string M<T>(T x) where T : U => "base";
            }

            public class ToObject : Base<object> { public override string M<T>(T x) => "object"; }

            public class ToText : Base<string> { public override string M<T>(T x) => "string"; }

            public static class Use
            {
                public static string Run() => new ToObject().M("x") + new ToText().M("x") + ((Base<string>)new ToText()).M("x");
            }
            """,
            "TRC011 Warning /src/Overrides.cs(17,35)-(17,56): The call to 'ToObject.M<string>(string)' is not traced: its type parameter 'T' inherits the constraint 'object' from the member it overrides, which no declaration can repeat (call it through the base type). Put 'using var span = Tracing.Block();' inside the method instead.",
            "TRC011 Warning /src/Overrides.cs(17,59)-(17,78): The call to 'ToText.M<string>(string)' is not traced: its type parameter 'T' inherits the constraint 'string' from the member it overrides, which no declaration can repeat (call it through the base type). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            Traced = ["((Base<string>)new ToText()).M(\"x\")"],
            NotTraced = ["new ToObject().M(\"x\")", "new ToText().M(\"x\")"],
        });

        // Legal C# (the parameter hides the type parameter); an interceptor declaring both failed with CS0412.
        yield return ("TRC011_parameter_named_like_its_types_type_parameter", new DiagnosticCase("/src/Grid.cs", """
            using Instrumentation;

            namespace Demo;

            public class Grid<T>
            {
                [Traced]
                public int Set(int T) => T;

                public static int Use() => new Grid<string>().Set(3);
            }
            """,
            "TRC006 Info /src/Grid.cs(8,16)-(8,19): 'Grid<T>.Set(int)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC011 Warning /src/Grid.cs(10,32)-(10,57): The call to 'Grid<string>.Set(int)' is not traced: its parameter 'T' has the name of a type parameter of its containing type, which the interceptor declares too (rename the parameter). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            NothingGenerated = true,
        });

        // The SDK's compiler rejects an interceptor for it (CS9154): Shapes.Tests proves the build passes.
        yield return ("TRC011_in_parameter_of_a_virtual_member", new DiagnosticCase("/src/Reader.cs", """
            using Instrumentation;

            namespace Demo;

            public class Reader
            {
                [Traced]
                public virtual int Peek(in int value) => value;

                public static int Use(Reader r) => r.Peek(1);
            }
            """,
            "TRC006 Info /src/Reader.cs(8,24)-(8,28): 'Reader.Peek(in int)' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
            "TRC011 Warning /src/Reader.cs(10,40)-(10,49): The call to 'Reader.Peek(in int)' is not traced: its 'in' parameter 'value' of a virtual or interface member has a signature modifier no interceptor can repeat (make it a by-value parameter, or for an interface the DI decorator traces calls made through it). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            NothingGenerated = true,
        });

        yield return ("TRC011_dynamic_call_of_a_traced_method", new DiagnosticCase("/src/Late.cs", """
            using Instrumentation;

            namespace Demo;

            public class Api
            {
                [Traced]
                public int Get(int id) => id;

                public static object Use(Api api, dynamic id) => api.Get(id);

                public static int Typed(Api api) => api.Get(2);

                // Statically bound, merely returning dynamic: traced as usual.
                [Traced]
                public dynamic Loose(int id) => id;

                [Traced]
                public T Id<T>(T value) => value;

                public static object Bound(Api api) => api.Loose(3) + api.Id<dynamic>(4);
            }
            """,
            "TRC011 Warning /src/Late.cs(10,54)-(10,65): The call to 'Api.Get(int)' is not traced: it is a dynamic call, bound only at run time (cast the receiver or arguments to their static types). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            Traced = ["api.Get(2)", "api.Loose(3)", "api.Id<dynamic>(4)"],
        });

        yield return ("TRC011_receiver_type_parameter_may_be_a_struct", new DiagnosticCase("/src/Generic.cs", """
            using Instrumentation;

            namespace Demo;

            public interface IJob
            {
                [Traced]
                void Run();
            }

            public static class Runner
            {
                public static void Start<T>(T job) where T : IJob => job.Run();

                public static void StartReference<T>(T job) where T : class, IJob => job.Run();

                public static void StartInterface(IJob job) => job.Run();
            }
            """,
            "TRC011 Warning /src/Generic.cs(13,58)-(13,67): The call to 'IJob.Run()' is not traced: its receiver has type parameter type 'T', which may be a struct the interceptor would copy (a 'class' constraint on 'T' allows tracing). Put 'using var span = Tracing.Block();' inside the method instead.")
        {
            Also = run => Assert.Equal(2, Regex.Matches(run.GeneratedText!, "InterceptsLocation\\(").Count),
        });

        yield return ("TRC012_traced_explicit_interface_implementation", new DiagnosticCase("/src/Runner.cs", """
            using Instrumentation;

            namespace Demo;

            public interface IRun { int Run(); }

            public sealed class Runner : IRun
            {
                [Traced]
                int IRun.Run() => 1;

                public static int Use() => ((IRun)new Runner()).Run();
            }
            """,
            "TRC012 Warning /src/Runner.cs(10,14)-(10,17): [Traced] on 'Runner.IRun.Run()' has no effect: an explicit interface implementation is called only through its interface. Put [Traced] on 'IRun.Run()', which traces those calls, or 'using var span = Tracing.Block();' inside it.")
        {
            NothingGenerated = true,
        });

        yield return ("TRC012_traced_operator_and_accessor", new DiagnosticCase("/src/Money.cs", """
            using Instrumentation;

            namespace Demo;

            public readonly struct Money(decimal amount)
            {
                public Money(int cents) : this(cents / 100m) { }

                public decimal Amount
                {
                    [Traced]
                    get => amount;
                }

                [Traced]
                public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);

                public static decimal Use() => (new Money(1m) + new Money(250)).Amount;
            }
            """,
            "TRC012 Warning /src/Money.cs(12,9)-(12,12): [Traced] on 'Money.Amount.get' has no effect: only ordinary methods are called by name and can be intercepted. Move the work into a method marked [Traced], or put 'using var span = Tracing.Block();' inside it.",
            "TRC012 Warning /src/Money.cs(16,34)-(16,35): [Traced] on 'Money.operator +(Money, Money)' has no effect: only ordinary methods are called by name and can be intercepted. Move the work into a method marked [Traced], or put 'using var span = Tracing.Block();' inside it.")
        {
            NothingGenerated = true,
        });
    }
}
