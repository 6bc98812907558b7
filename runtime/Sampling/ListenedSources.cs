using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Instrumentation.Sampling;

/// <summary>Which activity sources a tracer listens to: those of [Traced] code plus the named ones.</summary>
internal sealed class ListenedSources
{
    private readonly bool all;
    private readonly HashSet<string> exact;
    private readonly string[] prefixes;

    public ListenedSources(IEnumerable<string> names)
    {
        var list = names.Select(n => n.Trim()).ToList();
        all = list.Contains("*");
        exact = new HashSet<string>(list.Where(n => !n.EndsWith("*", StringComparison.Ordinal)), StringComparer.Ordinal);
        prefixes = list.Where(n => n.Length > 1 && n.EndsWith("*", StringComparison.Ordinal))
            .Select(n => n.Substring(0, n.Length - 1)).ToArray();
    }

    public bool ShouldListenTo(ActivitySource source)
    {
        if (all || TracedSources.IsTraced(source) || exact.Contains(source.Name)) return true;
        foreach (var prefix in prefixes)
        {
            if (source.Name.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
