using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The nullable flow attributes (<c>[NotNullWhen(true)]</c>, <c>[MaybeNull]</c>, ...) of a traced
/// method, re-declared on its interceptor: the compiler compares them when it checks that an
/// interceptor matches the method (CS9159), and the interceptor body needs them to pass an
/// <c>out</c> value on without a nullable warning (CS8601).
/// </summary>
internal static class FlowAttributes
{
    private const string Namespace = "System.Diagnostics.CodeAnalysis";

    private static readonly HashSet<string> OnParameters = InNamespace(
    [
        "AllowNullAttribute", "DisallowNullAttribute", "MaybeNullAttribute", "NotNullAttribute",
        "MaybeNullWhenAttribute", "NotNullWhenAttribute", "NotNullIfNotNullAttribute", "DoesNotReturnIfAttribute",

        // Not a flow attribute, but the same kind of copy: without it an [UnscopedRef] out parameter is scoped again
        // in the wrapper, which then cannot return the wrapped call's ref to it (CS9075, CS8347).
        "UnscopedRefAttribute",

        // What trimming must keep of the type passed: a wrapper that passes the value on without it warns
        // (IL2067, IL2072), an error in projects that treat warnings as errors (AOT ones often do).
        "DynamicallyAccessedMembersAttribute",
    ]);

    private static readonly HashSet<string> OnTypeParameters = InNamespace(["DynamicallyAccessedMembersAttribute"]);

    private static readonly HashSet<string> OnReturn = InNamespace(["MaybeNullAttribute", "NotNullAttribute", "NotNullIfNotNullAttribute", "DynamicallyAccessedMembersAttribute"]);

    /// <summary>
    /// What a method requires of its callers (trimming, dynamic code, assembly files, preview features): a wrapper that calls it
    /// requires the same (else IL2026, IL3050, IL3002, CA2252 in it), and an implementation must match the interface (IL2046, IL3051).
    /// </summary>
    private static readonly HashSet<string> Requirements = new(InNamespace(["RequiresUnreferencedCodeAttribute", "RequiresDynamicCodeAttribute", "RequiresAssemblyFilesAttribute"])
        .Append(PreviewAttribute));

    private const string PreviewAttribute = "System.Runtime.Versioning.RequiresPreviewFeaturesAttribute";

    private static readonly HashSet<string> OnType = [PreviewAttribute];

    private static readonly HashSet<string> OnMethod = new(InNamespace(["DoesNotReturnAttribute"]).Concat(Requirements));

    private static readonly HashSet<string> OnProperty = InNamespace(["AllowNullAttribute", "DisallowNullAttribute", "MaybeNullAttribute", "NotNullAttribute"]);

    private static HashSet<string> InNamespace(string[] names) => new(names.Select(n => Namespace + "." + n));

    /// <summary>The parameter's flow attributes.</summary>
    public static EquatableArray<AttributeModel> Of(IParameterSymbol parameter, Compilation compilation) =>
        Read(parameter.GetAttributes(), OnParameters, AttributeTarget.Declaration, compilation).ToEquatableArray();

    /// <summary>
    /// A type parameter's <c>[DynamicallyAccessedMembers]</c>: a wrapper whose type parameter lacks it passes an
    /// unannotated type argument to the target (IL2091), and a decorator's mismatches the interface's (IL2095).
    /// </summary>
    public static EquatableArray<AttributeModel> Of(ITypeParameterSymbol typeParameter, Compilation compilation) =>
        Read(typeParameter.GetAttributes(), OnTypeParameters, AttributeTarget.Declaration, compilation).ToEquatableArray();

    /// <summary>The method's return flow attributes (<c>[return: ...]</c>).</summary>
    public static EquatableArray<AttributeModel> OfReturn(IMethodSymbol method, Compilation compilation) =>
        Read(method.GetReturnTypeAttributes(), OnReturn, AttributeTarget.Return, compilation).ToEquatableArray();

    /// <summary>The method's own flow attributes (<c>[DoesNotReturn]</c>): an implementation lacking it warns (CS8770).</summary>
    public static EquatableArray<AttributeModel> OfMethod(IMethodSymbol method, Compilation compilation) =>
        Read(method.GetAttributes(), OnMethod, AttributeTarget.Declaration, compilation).ToEquatableArray();

    /// <summary>
    /// What the method's containing types require that the method itself does not say, for its interceptor: preview features
    /// of any containing type, and for a static method the trimming, dynamic code and assembly file requirements of its class (which cover its static members).
    /// </summary>
    public static IEnumerable<AttributeModel> OfContainingTypes(IMethodSymbol method, Compilation compilation)
    {
        var own = new HashSet<string>(method.GetAttributes().Select(a => FullName(a.AttributeClass)));
        var required = new List<AttributeModel>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var wanted = new HashSet<string>(SymbolEqualityComparer.Default.Equals(type, method.ContainingType) && method.IsStatic ? Requirements : OnType);
            wanted.ExceptWith(own);
            var found = type.GetAttributes().Where(a => wanted.Contains(FullName(a.AttributeClass))).ToList();
            required.AddRange(Read(found, wanted, AttributeTarget.Declaration, compilation));
            own.UnionWith(found.Select(a => FullName(a.AttributeClass)));
        }

        return required;
    }

    /// <summary>The type's own requirements (<c>[RequiresPreviewFeatures]</c> on an interface), for the class that implements it.</summary>
    public static EquatableArray<AttributeModel> OfType(INamedTypeSymbol type, Compilation compilation) =>
        Read(type.GetAttributes(), OnType, AttributeTarget.Declaration, compilation).ToEquatableArray();

    private static string FullName(INamedTypeSymbol? type) =>
        type is { ContainingType: null } ? type.ContainingNamespace?.ToDisplayString() + "." + type.Name : string.Empty;

    /// <summary>
    /// A property's or indexer's flow attributes: those on the property, and on its
    /// accessors (<c>[return: MaybeNull] get</c>, <c>[param: AllowNull] set</c>) as <paramref name="getter"/> and <paramref name="setter"/> prefixes.
    /// Without them the implementation warns (CS8769, CS8768) and its forwarding bodies too (CS8603, CS8601, CS8607).
    /// </summary>
    public static EquatableArray<AttributeModel> OfProperty(IPropertySymbol property, Compilation compilation, out EquatableArray<AttributeModel> getter, out EquatableArray<AttributeModel> setter)
    {
        getter = property.GetMethod is { } get ? Read(get.GetReturnTypeAttributes(), OnReturn, AttributeTarget.Return, compilation).Concat(OfMethod(get, compilation)).ToEquatableArray() : EquatableArray<AttributeModel>.Empty;
        setter = property.SetMethod is { Parameters.Length: > 0 } set ? Read(set.Parameters[set.Parameters.Length - 1].GetAttributes(), OnProperty, AttributeTarget.Param, compilation).Concat(OfMethod(set, compilation)).ToEquatableArray() : EquatableArray<AttributeModel>.Empty;
        return Read(property.GetAttributes(), OnProperty, AttributeTarget.Declaration, compilation).ToEquatableArray();
    }

    private static List<AttributeModel> Read(IEnumerable<AttributeData> attributes, HashSet<string> names, AttributeTarget target, Compilation compilation)
    {
        var read = new List<AttributeModel>();
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { ContainingType: null } type || !names.Contains(FullName(type))) continue;

            IEnumerable<AttributeArgument>? arguments;
            if (attribute.AttributeConstructor is null || type.TypeKind == TypeKind.Error
                || attribute.ConstructorArguments.Length != attribute.AttributeConstructor.Parameters.Length)
            {
                // Not bound: a polyfill that another source generator adds (PolySharp's, on netstandard2.0) does not exist in
                // the compilation generators see (or an inaccessible copy does), yet will in the one they feed. Its arguments
                // are then read from the syntax.
                arguments = ArgumentsAsWritten(attribute, compilation);
                if (arguments is null) continue;
            }
            else
            {
                // A polyfill internal to another assembly cannot be named here; the compiler then reports the mismatch itself.
                if (!Reachability.IsReachable(type, compilation)) continue;
                arguments = attribute.ConstructorArguments.Select(a => new AttributeArgument(null, a.ToCSharpString()))
                    .Concat(attribute.NamedArguments.Select(a => new AttributeArgument(a.Key, a.Value.ToCSharpString())));
            }

            read.Add(new AttributeModel(target, FullName(type), arguments.ToEquatableArray()));
        }

        return read;
    }

    /// <summary>
    /// The arguments of an attribute the compiler could not bind, from its syntax: constants (literals, named constants,
    /// concatenations) as literals, and <c>nameof(parameter)</c> as written (the interceptor's parameters keep their
    /// names); null when an argument is anything else.
    /// </summary>
    private static IEnumerable<AttributeArgument>? ArgumentsAsWritten(AttributeData attribute, Compilation compilation)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax) return null;
        var arguments = new List<AttributeArgument>();
        SemanticModel? model = null;
        foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameColon is not null) return null;
            string text;
            if (argument.Expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax }] })
            {
                text = argument.Expression.ToString();
            }
            else
            {
                model ??= compilation.GetSemanticModel(syntax.SyntaxTree);
                var constant = model.GetConstantValue(argument.Expression);
                if (!constant.HasValue) return null;
                text = constant.Value switch
                {
                    string s => SymbolDisplay.FormatLiteral(s, quote: true),
                    bool b => b ? "true" : "false",
                    _ => null!,
                };
                if (text is null) return null;
            }

            arguments.Add(new AttributeArgument(argument.NameEquals?.Name.Identifier.ValueText, text));
        }

        return arguments;
    }
}
