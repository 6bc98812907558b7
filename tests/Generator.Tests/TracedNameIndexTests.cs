using Instrumentation.Generator.Tests.Support;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// The generator reads which method names can be traced from syntax before it binds any call (so a
/// call of any other name costs nothing): every way of marking a method in source must still get its
/// calls intercepted. Each case compiles cleanly and its call has an interceptor.
/// </summary>
public sealed class TracedNameIndexTests
{
    [Theory]
    [InlineData("alias", "using T = Instrumentation.TracedAttribute;\nnamespace Demo;\npublic class Svc { [T] public int Work() => 1; }")]
    [InlineData("alias named with the suffix, used without it", "using MyTracedAttribute = Instrumentation.TracedAttribute;\nnamespace Demo;\npublic class Svc { [MyTraced] public int Work() => 1; }")]
    [InlineData("alias named with the suffix, used with it", "using MyTracedAttribute = Instrumentation.TracedAttribute;\nnamespace Demo;\npublic class Svc { [MyTracedAttribute] public int Work() => 1; }")]
    [InlineData("alias of an alias", "using A = Instrumentation.TracedAttribute;\nnamespace Demo\n{\n    using B = A;\n    public class Svc { [B] public int Work() => 1; }\n}")]
    [InlineData("qualified", "namespace Demo;\npublic class Svc { [global::Instrumentation.TracedAttribute] public int Work() => 1; }")]
    [InlineData("on the type", "using Instrumentation;\nnamespace Demo;\n[Traced] public class Svc { public int Work() => 1; }")]
    [InlineData("on an outer type", "using Instrumentation;\nnamespace Demo;\n[Traced] public class Outer { public class Inner { public int Work() => 1; } }\npublic class Svc : Outer.Inner { }")]
    [InlineData("on the interface", "using Instrumentation;\nnamespace Demo;\npublic interface IWork { [Traced] int Work(); }\npublic class Svc : IWork { public int Work() => 1; }")]
    [InlineData("on a base method", "using Instrumentation;\nnamespace Demo;\npublic class Base { [Traced] public virtual int Work() => 0; }\npublic class Svc : Base { public override int Work() => 1; }")]
    [InlineData("on the assembly", "[assembly: Instrumentation.Traced]\nnamespace Demo;\npublic class Svc { public int Work() => 1; }")]
    public void A_method_marked_in_source_is_intercepted(string _, string declaration)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(
        [
            ("/src/Svc.cs", declaration),
            ("/src/Use.cs", "namespace Demo;\npublic static class Use { public static int Call(Svc s) => s.Work(); }"),
        ]));

        run.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(run, "s.Work()"));
    }

    [Fact]
    public void Traced_on_one_part_of_a_partial_type_covers_the_methods_of_its_other_parts_in_other_files()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(
        [
            ("/src/A.cs", "using Instrumentation;\nnamespace Demo;\n[Traced] public partial class Svc { }"),
            ("/src/B.cs", "namespace Demo;\npublic partial class Svc { public int Work() => 1; }"),
            ("/src/Use.cs", "namespace Demo;\npublic static class Use { public static int Call(Svc s) => s.Work(); }"),
        ]));

        run.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(run, "s.Work()"));
    }

    [Fact]
    public void A_global_alias_in_another_file_marks_methods_too()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(
        [
            ("/src/Usings.cs", "global using Tr = Instrumentation.TracedAttribute;"),
            ("/src/Svc.cs", "namespace Demo;\npublic class Svc { [Tr] public int Work() => 1; }"),
            ("/src/Use.cs", "namespace Demo;\npublic static class Use { public static int Call(Svc s) => s.Work(); }"),
        ]));

        run.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(run, "s.Work()"));
    }

    [Fact]
    public void Under_assembly_wide_tracing_calls_and_method_groups_of_methods_in_other_files_are_found()
    {
        // The name index keeps filtering under [assembly: Traced] (every method declared in source): a method
        // declared in one file, marked from a second and called from a third is still intercepted, and its use
        // as a method group is still reported.
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(
        [
            ("/src/AssemblyInfo.cs", "[assembly: Instrumentation.Traced]"),
            ("/src/Svc.cs", "namespace Demo;\npublic class Svc { public int Work() => 1; }"),
            ("/src/Use.cs", "namespace Demo;\npublic static class Use\n{\n    public static int Call(Svc s) => s.Work() + Count(\"x\");\n    public static System.Func<int> Later(Svc s) => s.Work;\n    private static int Count(string text) => text.Length;\n}"),
        ]));

        run.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(run, "s.Work()"));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "TRC003" && d.GetMessage().Contains("Svc.Work()"));
    }

    [Fact]
    public void Calls_of_a_referenced_library_traced_assembly_wide_are_intercepted()
    {
        var library = GeneratorHarness.Compilation(
            [("/lib/Lib.cs", "[assembly: Instrumentation.Traced]\nnamespace Lib;\npublic static class Text { public static int Count(string s) => s.Length; }")],
            assemblyName: "Lib");
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(
            [("/src/Use.cs", "namespace Demo;\npublic static class Use { public static int Call() => Lib.Text.Count(\"abc\") + \"abc\".Length; }")],
            extraReferences: [library.ToMetadataReference()]));

        run.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(run, "Lib.Text.Count(\"abc\")"));
    }
}
