using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// What one syntax tree says about traced method names, read from syntax alone (cached per tree, so
/// an edit rereads one file): every attribute on a method, a type or the assembly by its simple
/// name, the methods each type declares (nested types' included), and using aliases. Combined
/// over the compilation by <see cref="TracedNameIndex"/>, it over-approximates the names the
/// symbol rules of <see cref="TracedSymbols.FindTraced(IMethodSymbol)"/> can trace in source (an
/// attribute of another library named Traced only costs binding a few more calls): asking every
/// method symbol for its attributes instead bound them all, the most expensive step of a cold build.
/// </summary>
internal sealed class SourceTracedNames
{
    private static readonly ConditionalWeakTable<SyntaxTree, SourceTracedNames> ByTree = new();

    public enum Target
    {
        Method,
        Type,
        Assembly,
    }

    /// <summary>(attribute's simple name without "Attribute", what it is on, that member's or type's name).</summary>
    public List<(string Attribute, Target On, string Name)> Attributes { get; } = new();

    /// <summary>(type name, names of the methods it and its nested types declare).</summary>
    public List<(string Type, List<string> Methods)> TypeMethods { get; } = new();

    /// <summary>(alias, the simple name it stands for without "Attribute").</summary>
    public List<(string Alias, string Target)> Aliases { get; } = new();

    public static SourceTracedNames Of(SyntaxTree tree) => ByTree.GetValue(tree, Read);

    private static SourceTracedNames Read(SyntaxTree tree)
    {
        var names = new SourceTracedNames();
        var root = tree.GetRoot();
        // Declarations only: method bodies hold no attribute that marks a method traced.
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: { } alias, Name: { } target }:
                    // Both sides as attributes name them: [MyTraced] also finds an alias MyTracedAttribute.
                    names.Aliases.Add((WithoutSuffix(alias.Name.Identifier.ValueText), Simple(target)));
                    break;
                case AttributeListSyntax list when list.Target?.Identifier.IsKind(SyntaxKind.AssemblyKeyword) == true:
                    foreach (var attribute in list.Attributes) names.Attributes.Add((Simple(attribute.Name), Target.Assembly, string.Empty));
                    break;
                case MethodDeclarationSyntax method:
                    AddAttributes(names, method.AttributeLists, Target.Method, method.Identifier.ValueText);
                    break;
                case TypeDeclarationSyntax type:
                    AddAttributes(names, type.AttributeLists, Target.Type, type.Identifier.ValueText);
                    names.TypeMethods.Add((type.Identifier.ValueText, type.DescendantNodes(n => n is TypeDeclarationSyntax)
                        .OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText).ToList()));
                    break;
            }
        }

        return names;
    }

    private static void AddAttributes(SourceTracedNames names, SyntaxList<AttributeListSyntax> lists, Target on, string name)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes) names.Attributes.Add((Simple(attribute.Name), on, name));
        }
    }

    /// <summary>The rightmost identifier of a (possibly qualified or aliased) name, without an "Attribute" suffix.</summary>
    internal static string Simple(NameSyntax name)
    {
        var text = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => name.ToString(),
        };
        return WithoutSuffix(text);
    }

    private static string WithoutSuffix(string text) =>
        text.EndsWith("Attribute", System.StringComparison.Ordinal) && text.Length > "Attribute".Length
            ? text.Substring(0, text.Length - "Attribute".Length)
            : text;
}
