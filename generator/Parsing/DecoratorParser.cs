using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// Reads a type-level <c>[Traced]</c> interface into a <see cref="DecoratorModel"/>: every method,
/// property and event it (and its base interfaces) declares, as data (Emitting/DecoratorMembers writes
/// the explicit implementations that forward to an inner instance, the traced methods inside a span),
/// or the reason (TRC016) no decorator can be generated.
/// </summary>
internal static class DecoratorParser
{
    public const string Suffix = "TracedDecorator";

    public static bool IsCandidate(SyntaxNode node, CancellationToken _) => node is InterfaceDeclarationSyntax;

    public static DecoratorModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } type) return null;
        var compilation = context.SemanticModel.Compilation;
        var typeParameters = SignatureBuilder.TypeParameters(type.TypeParameters, compilation);
        var className = string.Join("_", Containing(type).Select(t => t.Name)) + Suffix;
        var sortKey = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var shown = type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        DecoratorModel Fail(string reason) => new(SymbolNames.Type(type), className, typeParameters, sortKey, EquatableArray<DecoratorMember>.Empty,
            DiagnosticInfo.Create(DiagnosticDescriptors.NoDecorator, type.Locations.FirstOrDefault(), shown, reason));

        foreach (var t in Containing(type))
        {
            if (t.IsFileLocal || !Reachability.IsReachable(t, compilation))
                return Fail(DiagnosticReasons.Decorator.Inaccessible(t.Name));
            if (!SymbolEqualityComparer.Default.Equals(t, type) && t.TypeParameters.Length > 0)
                return Fail(DiagnosticReasons.Decorator.NestedInGenericType(t.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }

        if (ExternAliases.FirstAliasedType(NamedTypes(type), compilation) is { } aliased) return Fail(aliased);

        // Error-obsolete (CS0619, which no pragma suppresses): the interface, a base, a type in a constraint or in a member.
        if ((ErrorObsolete.In(type) ?? ErrorObsolete.InConstraints(type.TypeParameters) ?? type.AllInterfaces.Select(ErrorObsolete.In).FirstOrDefault(p => p is not null)) is { } obsolete)
            return Fail(DiagnosticReasons.Decorator.ErrorObsolete(obsolete));

        var typeParameterNames = new HashSet<string>(type.TypeParameters.Select(t => t.Name));
        if (type.TypeParameters.FirstOrDefault(t => ClashesWithDecorator(t.Name)) is { } named)
            return Fail(DiagnosticReasons.Decorator.TypeParameterNamedLikeMember(named.Name));

        var members = new List<DecoratorMember>();
        foreach (var iface in new[] { type }.Concat(type.AllInterfaces))
        {
            if (SameAfterSubstitution(iface) is { } twin)
                return Fail(DiagnosticReasons.Decorator.SameSignatureAfterSubstitution(iface.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), twin));
            foreach (var member in iface.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsStatic)
                {
                    if (member.IsAbstract) return Fail(DiagnosticReasons.Decorator.StaticAbstract(member.Name));
                    continue;
                }

                if (!member.IsAbstract && !member.IsVirtual) continue; // private or sealed default implementations are not part of the contract
                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }) continue; // accessors come with their property or event
                if (member.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedAndInternal)
                    return Fail(DiagnosticReasons.Decorator.Protected(member.Name));

                var declaredBy = new Declarer(SymbolNames.Type(iface), !SymbolEqualityComparer.Default.Equals(iface, type));
                var problem = member switch
                {
                    IMethodSymbol method => AddMethod(method, declaredBy, typeParameterNames, members, compilation),
                    IPropertySymbol property => AddProperty(property, declaredBy, members, compilation),
                    IEventSymbol @event => AddEvent(@event, declaredBy, members, compilation),
                    _ => null,
                };
                if (problem is not null) return Fail(problem);
            }
        }

        var ids = SuppressedIds.OfType(type).Concat(type.AllInterfaces.SelectMany(SuppressedIds.OfType))
            .Concat(new[] { type }.Concat(type.AllInterfaces).SelectMany(i => i.GetMembers()).Where(m => !m.IsStatic && (m.IsAbstract || m.IsVirtual)).SelectMany(SuppressedIds.OfMember));
        return new DecoratorModel(SymbolNames.Type(type), className, typeParameters,
            sortKey, members.ToEquatableArray(), null, members.Any(m => m.Disposal != Disposal.None),
            SuppressedIds.Sorted(ids).ToEquatableArray(), FlowAttributes.OfType(type, compilation));
    }

    /// <summary>
    /// A type parameter of the decorator class may not share a name with its members (CS0102): the inner instance
    /// (<c>inner</c>, <c>Inner</c>, <c>disposeInner</c>), the descriptor fields (<c>Name_1a2b3c4d_Span</c>, or
    /// <c>Name_1a2b3c4d_2_Span</c> when two members share name and hash: see DecoratorEmitter) and the class itself.
    /// </summary>
    private static bool ClashesWithDecorator(string name) =>
        name is "inner" or "Inner" or "disposeInner"
        || name.EndsWith(Suffix, System.StringComparison.Ordinal)
        || System.Text.RegularExpressions.Regex.IsMatch(name, "_[0-9a-f]{8}(_[0-9]+)?_Span$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>IB&lt;T&gt; { void M(T t); void M(int i); }</c> as <c>IB&lt;int&gt;</c>: two members of one signature, which explicit
    /// implementations cannot tell apart (CS0473, CS0111). The first such member, or null.
    /// </summary>
    private static string? SameAfterSubstitution(INamedTypeSymbol iface)
    {
        if (iface.TypeArguments.Length == 0) return null;
        var seen = new HashSet<string>();
        foreach (var member in iface.GetMembers())
        {
            var key = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } m =>
                    $"{m.Name}`{m.Arity}({string.Join(",", m.Parameters.Select(p => SignatureKey(p.RefKind, p.Type, m)))})",
                IPropertySymbol { IsIndexer: true, IsStatic: false } p =>
                    $"this[{string.Join(",", p.Parameters.Select(q => SignatureKey(q.RefKind, q.Type, null)))}]",
                _ => null,
            };
            if (key is not null && !seen.Add(key)) return member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        }

        return null;
    }

    private static string SignatureKey(RefKind refKind, ITypeSymbol type, IMethodSymbol? method) =>
        (refKind == RefKind.None ? string.Empty : "&") + TypeKey(type, method);

    private static string TypeKey(ITypeSymbol type, IMethodSymbol? method) => type switch
    {
        ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } t => "!!" + t.Ordinal,
        IArrayTypeSymbol array => TypeKey(array.ElementType, method) + "[" + new string(',', array.Rank - 1) + "]",
        INamedTypeSymbol { IsGenericType: true } named =>
            named.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "<" + string.Join(",", named.TypeArguments.Select(t => TypeKey(t, method))) + ">",
        _ => type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
    };

    /// <summary>Every type the decorator names: the interfaces, constraints and the members' signatures.</summary>
    private static IEnumerable<ITypeSymbol> NamedTypes(INamedTypeSymbol type)
    {
        foreach (var constraint in type.TypeParameters.SelectMany(t => t.ConstraintTypes)) yield return constraint;
        foreach (var iface in new[] { type }.Concat(type.AllInterfaces))
        {
            yield return iface;
            foreach (var member in iface.GetMembers())
            {
                var signature = member switch
                {
                    IMethodSymbol method => method.Parameters.Select(p => p.Type).Append(method.ReturnType).Concat(method.TypeParameters.SelectMany(t => t.ConstraintTypes)),
                    IPropertySymbol property => property.Parameters.Select(p => p.Type).Append(property.Type),
                    IEventSymbol @event => [@event.Type],
                    _ => [],
                };
                foreach (var named in signature) yield return named;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> Containing(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var t = type; t is not null; t = t.ContainingType) chain.Insert(0, t);
        return chain;
    }

    /// <summary>The interface declaring a member, and whether it is a base (then the member is reached through a cast to it).</summary>
    private readonly record struct Declarer(string Interface, bool IsBase);

    private static string? AddMethod(IMethodSymbol method, Declarer by, HashSet<string> typeParameterNames, List<DecoratorMember> members, Compilation compilation)
    {
        var shown = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (InterceptableShape.UnsupportedShape(method) is { } shape) return DiagnosticReasons.Decorator.CannotForward(shown, shape);
        if (method.TypeParameters.FirstOrDefault(t => typeParameterNames.Contains(t.Name)) is { } clash)
            return DiagnosticReasons.Decorator.MethodTypeParameterNamedLikeInterfaces(shown, clash.Name);
        if (Unnameable(method.Parameters.Select(p => p.Type).Append(method.ReturnType), compilation) is { } hidden) return DiagnosticReasons.Decorator.Unnameable(shown, hidden);

        var traced = TracedSymbols.FindTraced(method, out var onMethod);
        members.Add(new DecoratorMember(
            MemberKind.Method,
            SymbolNames.Identifier(method.Name),
            by.Interface,
            by.IsBase,
            SignatureBuilder.ReturnType(method),
            SignatureBuilder.ReturnRef(method.RefKind),
            SignatureBuilder.TypeParameters(method.TypeParameters, compilation),
            SignatureBuilder.Parameters(method.Parameters, compilation),
            FlowAttributes.OfMethod(method, compilation).Concat(FlowAttributes.OfReturn(method, compilation)).ToEquatableArray(),
            Disposal: traced is null ? DisposalOf(method, compilation) : Disposal.None,
            Traced: traced is null ? null : TargetMethodBuilder.Build(method, traced, onMethod, compilation)));
        return null;
    }

    private static Disposal DisposalOf(IMethodSymbol method, Compilation compilation)
    {
        var definition = method.ContainingType.OriginalDefinition;
        if (method.Name == "Dispose" && SymbolEqualityComparer.Default.Equals(definition, compilation.GetSpecialType(SpecialType.System_IDisposable))) return Disposal.Dispose;
        if (method.Name == "DisposeAsync" && SymbolEqualityComparer.Default.Equals(definition, compilation.GetTypeByMetadataName("System.IAsyncDisposable"))) return Disposal.DisposeAsync;
        return Disposal.None;
    }

    private static string? AddProperty(IPropertySymbol property, Declarer by, List<DecoratorMember> members, Compilation compilation)
    {
        if (property.SetMethod is { IsInitOnly: true }) return DiagnosticReasons.Decorator.InitAccessor(property.Name);
        if (property.Parameters.Any(p => InterceptableShape.HasPointer(p.Type)) || InterceptableShape.HasPointer(property.Type))
            return DiagnosticReasons.Decorator.CannotForward(property.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), DiagnosticReasons.Shape.PointerTypes);
        if (ErrorObsolete.In(property) is { } obsolete) return DiagnosticReasons.Decorator.ErrorObsolete(obsolete);
        if (Unnameable(property.Parameters.Select(p => p.Type).Append(property.Type), compilation) is { } hidden) return DiagnosticReasons.Decorator.Unnameable(property.Name, hidden);

        var attributes = FlowAttributes.OfProperty(property, compilation, out var getter, out var setter);
        members.Add(new DecoratorMember(
            property.IsIndexer ? MemberKind.Indexer : MemberKind.Property,
            SymbolNames.Identifier(property.Name),
            by.Interface,
            by.IsBase,
            SymbolNames.Type(property.Type),
            SignatureBuilder.ReturnRef(property.RefKind),
            EquatableArray<TypeParameterModel>.Empty,
            SignatureBuilder.Parameters(property.Parameters, compilation),
            attributes,
            property.GetMethod is null ? null : getter,
            property.SetMethod is null ? null : setter));
        return null;
    }

    private static string? AddEvent(IEventSymbol @event, Declarer by, List<DecoratorMember> members, Compilation compilation)
    {
        if (ErrorObsolete.In(@event) is { } obsolete) return DiagnosticReasons.Decorator.ErrorObsolete(obsolete);
        if (Unnameable([@event.Type], compilation) is { } hidden) return DiagnosticReasons.Decorator.Unnameable(@event.Name, hidden);
        members.Add(new DecoratorMember(MemberKind.Event, SymbolNames.Identifier(@event.Name), by.Interface, by.IsBase, SymbolNames.Type(@event.Type),
            RefMode.None, EquatableArray<TypeParameterModel>.Empty, EquatableArray<ParameterModel>.Empty, EquatableArray<AttributeModel>.Empty));
        return null;
    }

    private static string? Unnameable(IEnumerable<ITypeSymbol> types, Compilation compilation) =>
        types.FirstOrDefault(t => !Reachability.IsNameable(t, compilation))?.ToDisplayString();
}
