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
/// property and event it (and its base interfaces) declares, as explicit implementations that
/// forward to an inner instance, the traced methods inside a span.
/// </summary>
internal static class DecoratorParser
{
    public const string Suffix = "TracedDecorator";

    public static bool IsCandidate(SyntaxNode node, CancellationToken _) => node is InterfaceDeclarationSyntax;

    public static DecoratorModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } type) return null;
        var compilation = context.SemanticModel.Compilation;
        var typeParameters = type.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", type.TypeParameters.Select(t => SymbolNames.Identifier(t.Name))) + ">";
        var className = string.Join("_", Containing(type).Select(t => t.Name)) + Suffix;
        var sortKey = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var shown = type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        DecoratorModel Fail(string reason) => new(SymbolNames.Type(type), className, typeParameters, string.Empty, sortKey, EquatableArray<DecoratorMember>.Empty,
            DiagnosticInfo.Create(DiagnosticDescriptors.NoDecorator, type.Locations.FirstOrDefault(), shown, reason));

        foreach (var t in Containing(type))
        {
            if (t.IsFileLocal || !Reachability.IsReachable(t, compilation))
                return Fail(DiagnosticReasons.Decorator.Inaccessible(t.Name));
            if (!SymbolEqualityComparer.Default.Equals(t, type) && t.TypeParameters.Length > 0)
                return Fail(DiagnosticReasons.Decorator.NestedInGenericType(t.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }

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

                // A member of a base interface is reached through that interface: another base may declare one of the same
                // signature (IList<T> and IReadOnlyList<T>, a diamond) and the decorated interface may hide it with 'new'.
                var receiver = SymbolEqualityComparer.Default.Equals(iface, type) ? "this.inner" : $"(({SymbolNames.Type(iface)})this.inner)";
                var problem = member switch
                {
                    IMethodSymbol method => AddMethod(method, iface, receiver, typeParameterNames, members, compilation),
                    IPropertySymbol property => AddProperty(property, iface, receiver, members, compilation),
                    IEventSymbol @event => AddEvent(@event, iface, receiver, members, compilation),
                    _ => null,
                };
                if (problem is not null) return Fail(problem);
            }
        }

        var ids = SuppressedIds.OfType(type).Concat(type.AllInterfaces.SelectMany(SuppressedIds.OfType))
            .Concat(new[] { type }.Concat(type.AllInterfaces).SelectMany(i => i.GetMembers()).Where(m => !m.IsStatic && (m.IsAbstract || m.IsVirtual)).SelectMany(SuppressedIds.OfMember));
        return new DecoratorModel(SymbolNames.Type(type), className, typeParameters,
            TargetMethodBuilder.Constraints(type.TypeParameters), sortKey, members.ToEquatableArray(), null, members.Any(m => m.Disposes),
            SuppressedIds.Sorted(ids).ToEquatableArray(), FlowAttributes.OfType(type, compilation));
    }

    /// <summary>
    /// A type parameter of the decorator class may not share a name with its members (CS0102): the inner instance
    /// (<c>inner</c>, <c>Inner</c>, <c>disposeInner</c>), the descriptor fields (<c>Name_0_Span</c>) and the class itself.
    /// </summary>
    private static bool ClashesWithDecorator(string name) =>
        name is "inner" or "Inner" or "disposeInner"
        || name.EndsWith(Suffix, System.StringComparison.Ordinal)
        || System.Text.RegularExpressions.Regex.IsMatch(name, @"_[0-9]+_Span$");

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

    private static IEnumerable<INamedTypeSymbol> Containing(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var t = type; t is not null; t = t.ContainingType) chain.Insert(0, t);
        return chain;
    }

    private static string? AddMethod(IMethodSymbol method, INamedTypeSymbol iface, string receiver, HashSet<string> typeParameterNames, List<DecoratorMember> members, Compilation compilation)
    {
        var shown = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (InterceptableShape.UnsupportedShape(method) is { } shape) return DiagnosticReasons.Decorator.CannotForward(shown, shape);
        if (method.TypeParameters.FirstOrDefault(t => typeParameterNames.Contains(t.Name)) is { } clash)
            return DiagnosticReasons.Decorator.MethodTypeParameterNamedLikeInterfaces(shown, clash.Name);
        if (Unnameable(method.Parameters.Select(p => p.Type).Append(method.ReturnType), compilation) is { } hidden) return DiagnosticReasons.Decorator.Unnameable(shown, hidden);

        var typeArguments = method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => SymbolNames.Identifier(t.Name))) + ">";
        var parameters = method.Parameters.Select(p => new ParameterModel(SymbolNames.Identifier(p.Name), SymbolNames.Type(p.Type), SymbolNames.ParameterModifier(p), p.IsParams, null, false, p.Type.IsRefLikeType, FlowAttributes.Of(p, compilation))).ToList();
        var returnModifier = method.RefKind switch { RefKind.Ref => "ref ", RefKind.RefReadOnly => "ref readonly ", _ => string.Empty };
        var returnType = method.ReturnsVoid ? "void" : SymbolNames.Type(method.ReturnType);
        var header = $"{FlowAttributes.OfMethod(method, compilation)}{FlowAttributes.OfReturn(method, compilation)}{returnModifier}{returnType} {SymbolNames.Type(iface)}.{SymbolNames.Identifier(method.Name)}{typeArguments}({string.Join(", ", parameters.Select(Emitting.SpanBody.Declaration))}){ExplicitConstraints(method)}";

        var traced = TracedSymbols.FindTraced(method, out var onMethod);
        if (traced is not null)
        {
            members.Add(new DecoratorMember(header, TargetMethodBuilder.Build(method, traced, onMethod, compilation), string.Empty, receiver));
            return null;
        }

        var call = $"{receiver}.{SymbolNames.Identifier(method.Name)}{typeArguments}({string.Join(", ", parameters.Select(Emitting.SpanBody.Argument))})";
        var dispose = DisposeKindOf(method, compilation);
        var forward = dispose switch
        {
            // The container that built the decorator owns (and disposes) the inner instance: see DecoratorModel.Disposable.
            DisposeKind.Dispose => $"{header} {{ if (this.disposeInner) {call}; }}",
            DisposeKind.DisposeAsync => $"{header} => this.disposeInner ? {call} : default;",
            _ => $"{header} => {(returnModifier.Length > 0 ? "ref " : string.Empty)}{call};",
        };
        members.Add(new DecoratorMember(header, null, forward, receiver, dispose != DisposeKind.None));
        return null;
    }

    private enum DisposeKind { None, Dispose, DisposeAsync }

    private static DisposeKind DisposeKindOf(IMethodSymbol method, Compilation compilation)
    {
        var definition = method.ContainingType.OriginalDefinition;
        if (method.Name == "Dispose" && SymbolEqualityComparer.Default.Equals(definition, compilation.GetSpecialType(SpecialType.System_IDisposable))) return DisposeKind.Dispose;
        if (method.Name == "DisposeAsync" && SymbolEqualityComparer.Default.Equals(definition, compilation.GetTypeByMetadataName("System.IAsyncDisposable"))) return DisposeKind.DisposeAsync;
        return DisposeKind.None;
    }

    private static string? AddProperty(IPropertySymbol property, INamedTypeSymbol iface, string receiver, List<DecoratorMember> members, Compilation compilation)
    {
        var name = property.IsIndexer ? "this" : SymbolNames.Identifier(property.Name);
        if (property.SetMethod is { IsInitOnly: true }) return DiagnosticReasons.Decorator.InitAccessor(property.Name);
        if (property.Parameters.Any(p => InterceptableShape.HasPointer(p.Type)) || InterceptableShape.HasPointer(property.Type))
            return DiagnosticReasons.Decorator.CannotForward(property.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), DiagnosticReasons.Shape.PointerTypes);
        if (ErrorObsolete.In(property) is { } obsolete) return DiagnosticReasons.Decorator.ErrorObsolete(obsolete);
        if (Unnameable(property.Parameters.Select(p => p.Type).Append(property.Type), compilation) is { } hidden) return DiagnosticReasons.Decorator.Unnameable(property.Name, hidden);

        var refModifier = property.RefKind switch { RefKind.Ref => "ref ", RefKind.RefReadOnly => "ref readonly ", _ => string.Empty };
        var parameters = property.Parameters.Select(p => new ParameterModel(SymbolNames.Identifier(p.Name), SymbolNames.Type(p.Type), SymbolNames.ParameterModifier(p), p.IsParams, null, false, false, FlowAttributes.Of(p, compilation))).ToList();
        var declared = property.IsIndexer ? $"{SymbolNames.Type(iface)}.this[{string.Join(", ", parameters.Select(Emitting.SpanBody.Declaration))}]" : $"{SymbolNames.Type(iface)}.{name}";
        var access = property.IsIndexer ? $"{receiver}[{string.Join(", ", parameters.Select(Emitting.SpanBody.Argument))}]" : $"{receiver}.{name}";
        var attributes = FlowAttributes.OfProperty(property, compilation, out var getter, out var setter);
        var accessors = new List<string>();
        if (property.GetMethod is not null) accessors.Add($"{getter}get => {(refModifier.Length > 0 ? "ref " : string.Empty)}{access};");
        if (property.SetMethod is not null) accessors.Add($"{setter}set => {access} = value;");
        members.Add(new DecoratorMember(string.Empty, null, $"{attributes}{refModifier}{SymbolNames.Type(property.Type)} {declared} {{ {string.Join(" ", accessors)} }}"));
        return null;
    }

    private static string? AddEvent(IEventSymbol @event, INamedTypeSymbol iface, string receiver, List<DecoratorMember> members, Compilation compilation)
    {
        if (ErrorObsolete.In(@event) is { } obsolete) return DiagnosticReasons.Decorator.ErrorObsolete(obsolete);
        if (Unnameable([@event.Type], compilation) is { } hidden) return DiagnosticReasons.Decorator.Unnameable(@event.Name, hidden);
        var name = SymbolNames.Identifier(@event.Name);
        members.Add(new DecoratorMember(string.Empty, null,
            $"event {SymbolNames.Type(@event.Type)} {SymbolNames.Type(iface)}.{name} {{ add => {receiver}.{name} += value; remove => {receiver}.{name} -= value; }}"));
        return null;
    }

    /// <summary>
    /// An explicit implementation may only say <c>class</c>, <c>struct</c> or <c>default</c> (its other constraints are inherited);
    /// <c>default</c> keeps an unconstrained <c>T?</c> from meaning <c>Nullable&lt;T&gt;</c>.
    /// </summary>
    /// (Never <c>class?</c>: CS0460. A type parameter constrained to a class type is a reference type: <c>class</c>, else CS8822.)
    private static string ExplicitConstraints(IMethodSymbol method) => string.Concat(method.TypeParameters.Select(t =>
        t.IsValueType ? $" where {SymbolNames.Identifier(t.Name)} : struct"
        : t.IsReferenceType ? $" where {SymbolNames.Identifier(t.Name)} : class"
        : $" where {SymbolNames.Identifier(t.Name)} : default"));

    private static string? Unnameable(IEnumerable<ITypeSymbol> types, Compilation compilation) =>
        types.FirstOrDefault(t => !Reachability.IsNameable(t, compilation))?.ToDisplayString();
}
