using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The semantic models call sites are read with: one per syntax tree and compilation, without
/// nullable analysis. Binding a call site binds its whole member body, and with nullable reference
/// types on the model also runs the nullable walker over it, which nothing here reads: the
/// interceptor's signature is the target's declared one (a generic target gets a generic
/// interceptor), and flow state never reaches a declaration. The compiler runs that analysis for
/// its own diagnostics anyway, on its own bound trees (a generator's model shares none of them).
/// </summary>
internal static class CallSiteModels
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> ByCompilation = new();

    public static SemanticModel For(SemanticModel model)
    {
        var compilation = model.Compilation;
        var models = ByCompilation.GetValue(compilation, _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>());
        return models.TryGetValue(model.SyntaxTree, out var found) ? found : models.GetOrAdd(model.SyntaxTree, Create(compilation, model.SyntaxTree));
    }

#pragma warning disable RSEXPERIMENTAL001 // SemanticModelOptions is experimental in Roslyn 4.14; its one option here only skips work
    private static SemanticModel Create(Compilation compilation, SyntaxTree tree) =>
        compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
}
