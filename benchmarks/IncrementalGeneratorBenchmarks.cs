using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Instrumentation.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Benchmarks;

/// <summary>
/// Issue 10, IDE typing latency: one incremental generator run after the user edits one traced
/// method's body in a project of 2,000 traced methods called from 10,000 sites (the build-time
/// benchmark's shape), against a run of the same driver after an edit the generator does not care
/// about (a method body in a file with no traced calls or declarations). Both start from the same
/// driver state, which already ran over the unedited compilation, so the baseline is what any
/// keystroke costs this generator, and the ratio is what an edit of traced code adds to it (that
/// file's call sites and the regenerated interceptor file).
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class IncrementalGeneratorBenchmarks
{
    private const int Files = 20;
    private GeneratorDriver warm = null!;
    private CSharpCompilation unrelated = null!;
    private CSharpCompilation body = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new("InterceptorsNamespaces", "Instrumentation.Generated")]);
        var trees = Enumerable.Range(0, Files).Select(f => CSharpSyntaxTree.ParseText(LargeTracedProject.Source(f), parse, $"/src/File{f}.cs")).ToList();
        trees.Add(CSharpSyntaxTree.ParseText("namespace BuildTime;\npublic static class Notes\n{\n    public static int Value() => 1;\n}\n", parse, "/src/Notes.cs"));
        var compilation = CSharpCompilation.Create("Typing", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        warm = CSharpGeneratorDriver.Create([new Instrumentation.Generator.TracedGenerator().AsSourceGenerator()], parseOptions: parse).RunGenerators(compilation);
        var tree = trees[5];
        var text = tree.GetText();
        var at = text.ToString().IndexOf("=> x + 520;", StringComparison.Ordinal);
        body = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.Replace(at, "=> x + 520;".Length, "=> x + 520 * 2;")));
        var notes = trees[^1];
        var notesText = notes.GetText();
        unrelated = compilation.ReplaceSyntaxTree(notes, notes.WithChangedText(notesText.Replace(notesText.ToString().IndexOf("=> 1;", StringComparison.Ordinal), "=> 1;".Length, "=> 1 + 2;")));
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver EditAnUnrelatedFile() => warm.RunGenerators(unrelated);

    [Benchmark]
    public GeneratorDriver EditATracedMethodBody() => warm.RunGenerators(body);

    private static IEnumerable<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll" || Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal));
        return framework.Append(typeof(TracedAttribute).Assembly.Location).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}
