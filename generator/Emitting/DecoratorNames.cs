using System;
using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;

namespace Instrumentation.Generator.Emitting;

/// <summary>The decorator classes' names: the interface's, made unique in <c>Instrumentation.Generated</c>.</summary>
internal static class DecoratorNames
{
    /// <summary>
    /// Interfaces of one name (and arity) in different namespaces get decorators named after their full names; names that
    /// still meet (<c>X.IFoo</c> and <c>X_IFoo</c> both give <c>X_IFoo</c>) get a number, in the order of their full names.
    /// </summary>
    public static IEnumerable<DecoratorModel> Unique(IEnumerable<DecoratorModel> decorators)
    {
        // Grouped by the count of commas (0 for one type parameter and for none), as before: regrouping would rename decorators.
        var named = decorators.GroupBy(d => (d.ClassName, Math.Max(0, d.TypeParameters.Count - 1)))
            .SelectMany(g => g.Count() == 1 ? g : g.Select(d => d with { ClassName = Mangle(d.SortKey, d.TypeParameters) + DecoratorSuffix }))
            .OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .ToList();
        var wanted = new HashSet<(string, int)>(named.Select(d => (d.ClassName, Arity(d))));
        var taken = new HashSet<(string, int)>();
        foreach (var d in named)
        {
            var name = d.ClassName;
            for (var n = 2; taken.Contains((name, Arity(d))); n++)
            {
                name = d.ClassName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (wanted.Contains((name, Arity(d)))) name = d.ClassName; // another interface's name: keep counting
            }

            taken.Add((name, Arity(d)));
            yield return name == d.ClassName ? d : d with { ClassName = name };
        }
    }

    private static int Arity(DecoratorModel d) => d.TypeParameters.Count;

    private const string DecoratorSuffix = Parsing.DecoratorParser.Suffix;

    private static string Mangle(string fullName, EquatableArray<TypeParameterModel> typeParameters)
    {
        var name = fullName.Replace("global::", string.Empty);
        if (typeParameters.Count > 0 && name.IndexOf('<') is var open and > 0) name = name.Substring(0, open);
        return new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
    }
}
