using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Emitting;
using Instrumentation.Generator.Model;
using Instrumentation.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator;

/// <summary>
/// Pipeline wiring only: parse call sites, blocks, method groups and declarations into equatable
/// models, then emit one interceptor file, one file of interface decorators and, from a separate
/// output, the diagnostics.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TracedGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names, so tests can assert every step caches.</summary>
    public static class Steps
    {
        public const string Settings = nameof(Settings);
        public const string CallSites = nameof(CallSites);
        public const string MethodGroups = nameof(MethodGroups);
        public const string Declarations = nameof(Declarations);
        public const string Decorators = nameof(Decorators);
        public const string OrphanCarriers = nameof(OrphanCarriers);
        public const string Collected = nameof(Collected);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.ParseOptionsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(context.CompilationProvider.Select((c, _) => SettingsParser.HasDependencyInjection(c)
                ? (c.AssemblyName, true, SettingsParser.ReferencedDecoratorExtensions(c))
                : (c.AssemblyName, false, null)))
            .Select((input, _) => SettingsParser.Parse(input.Left.Left, input.Left.Right.GlobalOptions, input.Right.AssemblyName, input.Right.Item2, input.Right.Item3))
            .WithTrackingName(Steps.Settings);

        var calls = context.SyntaxProvider
            .CreateSyntaxProvider(CallSiteParser.IsCandidate, CallSiteParser.Parse)
            .Where(r => r is not null)
            .Select((r, _) => r!)
            .WithTrackingName(Steps.CallSites);

        var methodGroups = context.SyntaxProvider
            .CreateSyntaxProvider(MethodGroupParser.IsCandidate, MethodGroupParser.Parse)
            .Where(d => d is not null)
            .Select((d, _) => d!)
            .WithTrackingName(Steps.MethodGroups);

        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(TracedSymbols.TracedAttributeName, DeclarationParser.IsCandidate, DeclarationParser.Parse)
            .WithTrackingName(Steps.Declarations);

        var decorators = context.SyntaxProvider
            .ForAttributeWithMetadataName(TracedSymbols.TracedAttributeName, DecoratorParser.IsCandidate, DecoratorParser.Parse)
            .Where(d => d is not null)
            .Select((d, _) => d!)
            .WithTrackingName(Steps.Decorators);

        var orphanCarriers = context.SyntaxProvider
            .ForAttributeWithMetadataName(CarrierParameters.TraceContextAttributeName, OrphanCarrierParser.IsCandidate, OrphanCarrierParser.Parse)
            .Where(d => d is not null)
            .Select((d, _) => d!)
            .WithTrackingName(Steps.OrphanCarriers);

        var collected = calls.Collect()
            .Combine(methodGroups.Collect())
            .Combine(declarations.Collect())
            .Combine(decorators.Collect())
            .Combine(settings)
            .Select((input, _) => new Collected(
                input.Left.Left.Left.Left.ToEquatableArray(),
                input.Left.Left.Left.Right.ToEquatableArray(),
                input.Left.Left.Right.ToEquatableArray(),
                input.Left.Right.ToEquatableArray(),
                input.Right))
            .WithTrackingName(Steps.Collected);

        context.RegisterSourceOutput(collected, static (spc, c) =>
        {
            if (c.Settings.CannotHostReason is not null) return;
            var sites = c.Calls.Where(r => r.Call is not null).Select(r => r.Call!).ToList();
            var blocks = c.Calls.Where(r => r.Block is not null).Select(r => r.Block!).ToList();
            if (sites.Count > 0 || blocks.Count > 0) spc.AddSource(InterceptorEmitter.HintName, InterceptorEmitter.Emit(sites, blocks, c.Settings));
            var decorated = c.Decorators.Where(d => d.Problem is null).ToList();
            if (decorated.Count > 0) spc.AddSource(DecoratorEmitter.HintName, DecoratorEmitter.Emit(decorated, c.Settings));
        });

        // The compilation is joined only here, after every cached step, to place diagnostics in their
        // syntax trees (so #pragma warning disable works on them).
        context.RegisterSourceOutput(collected.Combine(orphanCarriers.Collect()).Combine(context.CompilationProvider), static (spc, input) =>
        {
            // Distinct: a method with its own [Traced] inside a [Traced] type is declared twice.
            Dictionary<string, SyntaxTree>? trees = null;
            var collected = input.Left.Left;
            var orphans = collected.Settings.CannotHostReason is null ? input.Left.Right : [];
            foreach (var diagnostic in ProjectDiagnostics.Of(collected).Concat(orphans).Distinct())
            {
                trees ??= input.Right.SyntaxTrees.GroupBy(t => t.FilePath).ToDictionary(g => g.Key, g => g.First());
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(trees.TryGetValue(diagnostic.FilePath, out var tree) ? tree : null));
            }
        });
    }
}
