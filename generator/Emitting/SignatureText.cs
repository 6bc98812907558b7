using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;

namespace Instrumentation.Generator.Emitting;

/// <summary>How the signature pieces of the models are spelled in C#: shared by interceptors and decorators.</summary>
internal static class SignatureText
{
    /// <summary><c>&lt;T, U&gt;</c> as type arguments, or empty.</summary>
    public static string TypeParameterList(IEnumerable<TypeParameterModel> typeParameters)
    {
        var names = typeParameters.Select(t => t.Name).ToList();
        return names.Count == 0 ? string.Empty : "<" + string.Join(", ", names) + ">";
    }

    /// <summary><c>&lt;[attributes] T, U&gt;</c> where the type parameters are declared, or empty.</summary>
    public static string TypeParameterDeclarations(IEnumerable<TypeParameterModel> typeParameters)
    {
        var declared = typeParameters.Select(t => Attributes(t.Attributes) + t.Name).ToList();
        return declared.Count == 0 ? string.Empty : "<" + string.Join(", ", declared) + ">";
    }

    /// <summary>The where clauses, each with a leading space, or empty.</summary>
    public static string Constraints(IEnumerable<TypeParameterModel> typeParameters) => string.Concat(typeParameters.Select(t =>
    {
        var parts = new List<string>();
        parts.AddRange(t.Special switch
        {
            SpecialConstraint.Class => ["class"],
            SpecialConstraint.NullableClass => ["class?"],
            SpecialConstraint.Struct => ["struct"],
            SpecialConstraint.Unmanaged => ["unmanaged"],
            _ => [],
        });
        if (t.NotNull) parts.Add("notnull");
        parts.AddRange(t.Types);
        if (t.New) parts.Add("new()");
        if (t.AllowsRefStruct) parts.Add("allows ref struct");
        return parts.Count == 0 ? string.Empty : $" where {t.Name} : {string.Join(", ", parts)}";
    }));

    /// <summary>
    /// An explicit implementation may only say <c>class</c>, <c>struct</c> or <c>default</c> (its other constraints are inherited);
    /// <c>default</c> keeps an unconstrained <c>T?</c> from meaning <c>Nullable&lt;T&gt;</c>.
    /// </summary>
    /// (Never <c>class?</c>: CS0460. A type parameter constrained to a class type is a reference type: <c>class</c>, else CS8822.)
    public static string ExplicitConstraints(IEnumerable<TypeParameterModel> typeParameters) => string.Concat(typeParameters.Select(t =>
        $" where {t.Name} : {(t.IsValueType ? "struct" : t.IsReferenceType ? "class" : "default")}"));

    /// <summary>A parameter as the wrapper re-declares it.</summary>
    public static string Declaration(ParameterModel p) =>
        $"{Attributes(p.Attributes)}{(p.IsParams ? "params " : string.Empty)}{Prefix(Modifier(p))}{p.Type} {p.Name}";

    /// <summary>A parameter with its modifiers but no attributes or <c>params</c> (an <c>[UnsafeAccessor]</c>'s).</summary>
    public static string PlainDeclaration(ParameterModel p) => $"{Prefix(Modifier(p))}{p.Type} {p.Name}";

    /// <summary>The parameter passed on: <c>ref</c>, <c>out</c> or <c>in</c> (also for <c>ref readonly</c>) before its name.</summary>
    public static string Argument(ParameterModel p) => p.Ref switch
    {
        RefMode.Ref => "ref " + p.Name,
        RefMode.Out => "out " + p.Name,
        RefMode.In or RefMode.RefReadOnly => "in " + p.Name,
        _ => p.Name,
    };

    /// <summary><c>this</c>, <c>scoped</c> and the ref kind, in the order C# wants them.</summary>
    private static string Modifier(ParameterModel p) =>
        string.Join(" ", new[] { p.IsThis ? "this" : string.Empty, p.Scoped ? "scoped" : string.Empty, RefKeyword(p.Ref) }.Where(m => m.Length > 0));

    /// <summary>What comes before a returned type: <c>ref </c>, <c>ref readonly </c>, or empty.</summary>
    public static string ReturnPrefix(RefMode mode) => Prefix(RefKeyword(mode));

    /// <summary>What comes before a call whose result is returned: <c>ref </c> for a ref return.</summary>
    public static string ReturnCall(RefMode mode) => mode == RefMode.None ? string.Empty : "ref ";

    private static string RefKeyword(RefMode mode) => mode switch
    {
        RefMode.Ref => "ref",
        RefMode.Out => "out",
        RefMode.In => "in",
        RefMode.RefReadOnly => "ref readonly",
        _ => string.Empty,
    };

    private static string Prefix(string word) => word.Length == 0 ? string.Empty : word + " ";

    /// <summary>Attributes, each followed by a space (so they sit on the declaration's line), or empty.</summary>
    public static string Attributes(IEnumerable<AttributeModel> attributes) => string.Concat(attributes.Select(a =>
        $"[{a.Target switch { AttributeTarget.Return => "return: ", AttributeTarget.Param => "param: ", _ => string.Empty }}global::{a.Type}({string.Join(", ", a.Arguments.Select(x => x.Name is null ? x.Value : $"{x.Name} = {x.Value}"))})] "));
}
