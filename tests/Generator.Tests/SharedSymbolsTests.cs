using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// Two projects that reference the same library share its symbols (compiler server, IDE), but what
/// generated code may call depends on the project: what the generator works out about a method of
/// that library is never reused from the other project's run.
/// </summary>
public sealed class SharedSymbolsTests
{
    [Fact]
    public void A_library_method_only_one_consumer_may_call_directly_is_judged_for_each_consumer()
    {
        var library = GeneratorHarness.Compilation(
            [("/lib/Base.cs", "using Instrumentation;\n[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Friend\")]\nnamespace Lib;\npublic class Base\n{\n    [Traced] protected internal int Work<T>() => 1;\n}\n")],
            assemblyName: "Lib");
        Assert.Empty(library.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var reference = library.ToMetadataReference();
        const string Derived = "namespace App;\npublic class Derived : Lib.Base\n{\n    public int Call() => Work<int>();\n}\n";

        // The friend sees the internal half of 'protected internal': the call is intercepted directly.
        var friend = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Derived.cs", Derived)], assemblyName: "Friend", extraReferences: [reference]));
        friend.AssertCompilesCleanly();
        Assert.NotNull(Inspect.InterceptorOf(friend, "Work<int>()"));

        // Another consumer sees only the protected half, which a generated class cannot call (and a
        // generic method cannot go through [UnsafeAccessor]): TRC005, never a compile error.
        var stranger = GeneratorHarness.Run(GeneratorHarness.Compilation([("/src/Derived.cs", Derived)], assemblyName: "Stranger", extraReferences: [reference]));
        stranger.AssertGeneratorDidNotThrow();
        Assert.Empty(stranger.CompileProblems().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(stranger.GeneratorDiagnostics, d => d.Id == "TRC005");
        Assert.Null(Inspect.InterceptorOf(stranger, "Work<int>()"));
    }
}
