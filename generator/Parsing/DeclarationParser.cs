using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// Reads <c>[Traced]</c> declarations (methods, local functions, types) for what can be said
/// without looking at calls: async void, local functions, tag types, and the list of traced
/// methods, so ones without any interceptable call can be reported.
/// </summary>
internal static class DeclarationParser
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or TypeDeclarationSyntax or LambdaExpressionSyntax;

    public static DeclaredMethods Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var methods = new List<DeclaredMethod>();
        var diagnostics = new List<DiagnosticInfo>();
        switch (context.TargetSymbol)
        {
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction } local:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LocalFunction, local.Locations.FirstOrDefault(), local.Name));
                break;
            case IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LocalFunction, context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation(), lambda.ToDisplayString()));
                break;
            case IMethodSymbol { MethodKind: not MethodKind.Ordinary } special:
                // Operators, conversions, accessors, constructors, finalizers and explicit implementations are not invoked by name: nothing to intercept.
                var why = special is { MethodKind: MethodKind.ExplicitInterfaceImplementation, ExplicitInterfaceImplementations: [var implemented, ..] }
                    ? DiagnosticReasons.NotAMethodCall.ExplicitImplementation(implemented.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat))
                    : DiagnosticReasons.NotAMethodCall.NotCalledByName;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAMethodCall, special.Locations.FirstOrDefault(), special.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), why));
                break;
            case IMethodSymbol method:
                Add(method, methods, diagnostics, context.SemanticModel.Compilation);
                break;
            case INamedTypeSymbol type:
                foreach (var member in type.GetMembers().OfType<IMethodSymbol>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member.Locations.Any(l => l.IsInSource) && TracedSymbols.FindTraced(member) is not null) Add(member, methods, diagnostics, context.SemanticModel.Compilation);
                }

                break;
        }

        return new DeclaredMethods(methods.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>TRC018 on each [Tag] whose name an earlier one of the method already has (the later value would replace it).</summary>
    private static void ReportSameTagNames(IMethodSymbol method, AttributeData? returnTag, string display, List<DiagnosticInfo> diagnostics)
    {
        var named = new Dictionary<string, string>();
        foreach (var parameter in method.Parameters)
        {
            if (TracedSymbols.Get(parameter, TracedSymbols.TagAttributeName) is not { } tag) continue;
            var name = TagTypes.TagName(tag, parameter.Name);
            if (named.TryGetValue(name, out var other))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TagWithoutValue, parameter.Locations.FirstOrDefault(), parameter.Name, display, DiagnosticReasons.Tag.SameName(name, other)));
            else named[name] = parameter.Name;
        }

        if (returnTag is not null && TagTypes.TagName(returnTag, "return") is var returnName && named.TryGetValue(returnName, out var taken))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TagWithoutValue, method.Locations.FirstOrDefault(), "return", display, DiagnosticReasons.Tag.SameName(returnName, taken)));
    }

    private static void Add(IMethodSymbol method, List<DeclaredMethod> methods, List<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        var location = method.Locations.FirstOrDefault();
        var display = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (method.IsAsync && method.ReturnsVoid) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncVoid, location, display));

        foreach (var parameter in method.Parameters)
        {
            if (TracedSymbols.Get(parameter, TracedSymbols.TagAttributeName) is not { } tag) continue;
            if (!TagTypes.IsTaggable(parameter.Type, tag))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTagType, parameter.Locations.FirstOrDefault(), parameter.Name, parameter.Type.ToDisplayString()));
            else if (TagTypes.MayBeRefStruct(parameter.Type))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TagWithoutValue, parameter.Locations.FirstOrDefault(), parameter.Name, display, DiagnosticReasons.Tag.MayBeRefStruct(parameter.Type.Name)));
        }

        if (TracedSymbols.FindTraced(method) is { } traced)
            CarrierParameters.Resolve(method, TracedSymbols.NamedArgument(traced, "Kind") is int kind ? kind : 0, compilation, diagnostics);

        var returnTag = TracedSymbols.Find(method.GetReturnTypeAttributes(), TracedSymbols.TagAttributeName);
        if (returnTag is not null && TagTypes.WhyNoResult(method) is { } noResult)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TagWithoutValue, location, "return", display, noResult));
        else if (returnTag is not null && !TagTypes.IsTaggable(TagTypes.ResultType(method.ReturnType), returnTag))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTagType, location, "return", TagTypes.ResultType(method.ReturnType).ToDisplayString()));
        ReportSameTagNames(method, returnTag, display, diagnostics);

        // Calls of a C# 14 extension member are intercepted as calls of its implementation method: match that key.
        if (TracedSymbols.Definition(TracedSymbols.ImplementationOf(method)).GetDocumentationCommentId() is { } key)
            methods.Add(new DeclaredMethod(key, DiagnosticInfo.Create(DiagnosticDescriptors.NoCallSites, location, display)));
    }
}
