using System.Linq;
using System.Threading;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generator.Parsing;

/// <summary>Classifies one invocation: a traced call to intercept, a block, a diagnostic, or nothing.</summary>
internal static class CallSiteParser
{
    /// <summary>The syntactic filter: invocations with a plain, generic or member name.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is InvocationExpressionSyntax invocation && InvokedName(invocation) is not null;

    public static ParseResult? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var name = InvokedName(invocation)!;
        if (!TracedNameIndex.For(context.SemanticModel.Compilation).MayBeTraced(name)) return null;
        var model = CallSiteModels.For(context.SemanticModel);
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is not IMethodSymbol symbol) return LateBound(invocation, info, model.Compilation);
        var called = TracedSymbols.ImplementationOf(symbol);

        if (name == "Block" && BlockParser.IsTracingBlock(called))
            return IsInExpressionTree(invocation, model, cancellationToken) ? null : BlockParser.Parse(invocation, model, cancellationToken);
        if (called.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension)) return null;
        var checks = DefinitionChecks.Of(called, model.Compilation);
        // Untraced itself, it may implement a [Traced] interface member for the receiver's type only (class D : Base, IRun).
        if (checks.Traced is null && !called.IsStatic)
            checks = DefinitionChecks.Through(called, ReceiverType(invocation, model, cancellationToken), model.Compilation);
        var traced = checks.Traced;
        if (traced is null) return null;

        var location = invocation.GetLocation();
        ParseResult Problem(DiagnosticInfo diagnostic) => ParseResult.Of(diagnostic.For(checks.AssemblyWide));
        // Only diagnostics show the method: formatting it for every call site cost more than the checks.
        string Shown() => called.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        // A call whose result is dynamic is late-bound only when an argument or the receiver is dynamic;
        // a statically bound method that merely returns dynamic (or object as dynamic) is intercepted.
        if (model.GetTypeInfo(invocation, cancellationToken).Type is { TypeKind: TypeKind.Dynamic }
            && model.GetOperation(invocation, cancellationToken) is not IInvocationOperation)
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedShape, location, Shown(), DiagnosticReasons.Shape.DynamicCall));
        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.BaseCall, location, Shown()));
        if (called.IsStatic && (called.IsAbstract || called.IsVirtual) && called.ContainingType.TypeKind == TypeKind.Interface)
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.StaticAbstract, location, Shown(), ReceiverText(invocation)));
        if (IsInExpressionTree(invocation, model, cancellationToken))
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.ExpressionTree, location, Shown()));
        // Only an interface member can be called on an unconstrained type parameter (object's members are never
        // traced), so only those calls pay for the operation tree.
        if (called.MethodKind == MethodKind.Ordinary && !called.IsStatic && called.ContainingType.TypeKind == TypeKind.Interface
            && model.GetOperation(invocation, cancellationToken) is IInvocationOperation { Instance.Type: ITypeParameterSymbol { IsReferenceType: false } receiver })
        {
            // A constrained call mutates a struct T in place; the interceptor's interface-typed receiver would box a copy.
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedShape, location, Shown(),
                DiagnosticReasons.Shape.StructReceiver(receiver.Name)));
        }
        // Private or protected: called through [UnsafeAccessor] when that can express it (see DefinitionChecks.Target).
        if (checks.Inaccessible is { } hidden && !checks.CanUseAccessor)
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, Shown(), hidden));
        if (checks.HasErrorType) return null; // the compiler reports it; an interceptor would only add errors
        if (checks.UnsupportedShape is { } reason)
            return Problem(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedShape, location, Shown(), reason));

        var interceptable = model.GetInterceptableLocation(invocation, cancellationToken);
        if (interceptable is null) return null;

        var target = checks.Target(called, model.Compilation);
        var span = location.GetLineSpan();
        var sortKey = $"{span.Path}:{invocation.SpanStart:D9}";
        var display = $"{System.IO.Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        return ParseResult.Of(new CallSite(target, interceptable.Version, interceptable.Data, sortKey, display, checks.TracedVia));
    }

    /// <summary>The static type of the call's receiver: what precedes the dot (or '?.'), else the enclosing type (an implicit 'this').</summary>
    private static ITypeSymbol? ReceiverType(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => model.GetTypeInfo(access.Expression, cancellationToken).Type,
        MemberBindingExpressionSyntax => invocation.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is { } conditional
            ? model.GetTypeInfo(conditional.Expression, cancellationToken).Type
            : null,
        _ => model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)?.ContainingType,
    };

    internal static bool HasErrorType(IMethodSymbol method)
    {
        if (method.Parameters.Any(p => IsError(p.Type)) || IsError(method.ReturnType) || method.TypeParameters.Any(t => t.ConstraintTypes.Any(IsError))) return true;
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Any(t => t.ConstraintTypes.Any(IsError))) return true;
        }

        return false;
    }

    private static bool IsError(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => IsError(array.ElementType),
        IPointerTypeSymbol pointer => IsError(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsError),
        _ => false,
    };

    /// <summary>The members whose <c>[Traced]</c> a call of an override or implementation may carry (see TracedSymbols.FindTraced).</summary>
    internal static EquatableArray<string> TracedVia(IMethodSymbol called)
    {
        var method = TracedSymbols.Definition(called);
        var keys = new System.Collections.Generic.List<string>();
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.OriginalDefinition.GetDocumentationCommentId() is { } key) keys.Add(key);
        }

        if (!method.IsStatic && method.ContainingType is { } type)
        {
            foreach (var member in type.AllInterfaces.SelectMany(i => i.GetMembers(method.Name)).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method)
                    && member.OriginalDefinition.GetDocumentationCommentId() is { } key)
                {
                    keys.Add(key);
                }
            }
        }

        return keys.ToEquatableArray();
    }

    /// <summary>
    /// An <c>in</c> or <c>ref readonly</c> parameter of a virtual or interface member carries a
    /// required modifier in its signature, which a static interceptor cannot repeat: the SDK's
    /// compiler rejects the pair (CS9154; Roslyn 4.14 still accepted it). Null when there is none.
    /// (A <c>ref readonly</c> return is matched without its modifier: verified on SDK 10.0.401.)
    /// </summary>
    internal static string? RequiredModifier(IMethodSymbol called)
    {
        var parameter = TracedSymbols.Definition(called).Parameters.FirstOrDefault(p => p.RefCustomModifiers.Length > 0 || p.CustomModifiers.Length > 0);
        return parameter is null
            ? null
            : DiagnosticReasons.Shape.RequiredModifier(parameter.RefKind == RefKind.In ? "in" : "ref readonly", parameter.Name);
    }

    /// <summary>A <c>dynamic</c> call that would reach a traced method is bound at run time: nothing to intercept.</summary>
    private static ParseResult? LateBound(InvocationExpressionSyntax invocation, SymbolInfo info, Compilation compilation)
    {
        if (info.CandidateReason != CandidateReason.LateBound) return null;
        foreach (var candidate in info.CandidateSymbols.OfType<IMethodSymbol>())
        {
            var checks = DefinitionChecks.Of(candidate, compilation);
            if (checks.Traced is null) continue;
            return ParseResult.Of(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedShape, invocation.GetLocation(),
                    candidate.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), DiagnosticReasons.Shape.DynamicCall)
                .For(checks.AssemblyWide));
        }

        return null;
    }

    /// <summary>The method name as written at the call, or null for shapes that are not named calls.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    private static string ReceiverText(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax member ? member.Expression.ToString() : string.Empty;

    /// <summary>Inside a lambda converted to <c>Expression&lt;T&gt;</c> (including query clauses over IQueryable).</summary>
    private static bool IsInExpressionTree(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!invocation.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax)) return false;
        var expressionType = model.Compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
        for (var operation = model.GetOperation(invocation, cancellationToken); operation is not null; operation = operation.Parent)
        {
            if (operation is IAnonymousFunctionOperation && operation.Parent?.Type is INamedTypeSymbol converted
                && SymbolEqualityComparer.Default.Equals(converted.OriginalDefinition, expressionType))
            {
                return true;
            }
        }

        return false;
    }
}
