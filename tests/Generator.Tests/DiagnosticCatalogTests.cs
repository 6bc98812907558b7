using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Instrumentation.Generator.Diagnostics;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>Every descriptor is listed in the release-tracking file and documented in docs/diagnostics.md, where its help link points.</summary>
public sealed class DiagnosticCatalogTests
{
    [Fact]
    public void Every_descriptor_is_in_the_unshipped_release_notes()
    {
        var path = typeof(DiagnosticCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "UnshippedReleasesFile").Value!;
        var rows = File.ReadAllLines(path)
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length == 4 && c[0].StartsWith("TRC", StringComparison.Ordinal))
            .ToDictionary(c => c[0]);

        Assert.Equal(18, DiagnosticDescriptors.All.Count);
        Assert.Equal(DiagnosticDescriptors.All.Count, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.True(rows.TryGetValue(descriptor.Id, out var row), $"{descriptor.Id} is not listed in {path}");
            Assert.Equal(descriptor.Category, row[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
            Assert.False(string.IsNullOrWhiteSpace(row[3]), $"{descriptor.Id} has no notes");
        }

        Assert.Equal(rows.Keys.Order(StringComparer.Ordinal), DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_descriptor_links_to_its_section_of_docs_diagnostics_md()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics.md");
        var lines = File.ReadAllLines(docs);
        var headings = lines.Select((text, index) => (text, index)).Where(l => l.text.StartsWith('#')).ToList();

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var link = descriptor.HelpLinkUri;
            Assert.StartsWith("docs/diagnostics.md#", link, StringComparison.Ordinal);
            var anchor = link[(link.IndexOf('#', StringComparison.Ordinal) + 1)..];
            var heading = headings.FirstOrDefault(h => Anchor(h.text) == anchor);
            Assert.True(heading.text is not null, $"{descriptor.Id}: no heading in {docs} has the anchor #{anchor}");

            // The section (up to the next heading) names the rule as the IDE shows it.
            var next = headings.Select(h => h.index).Where(i => i > heading.index).DefaultIfEmpty(lines.Length).First();
            var section = string.Join("\n", lines[heading.index..next]);
            Assert.Contains(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), section, StringComparison.Ordinal);
            Assert.Contains($"Severity: {descriptor.DefaultSeverity}", section, StringComparison.Ordinal);
        }

        // No section for a rule that does not exist.
        var documented = headings.Select(h => h.text.TrimStart('#').Trim()).Where(t => t.StartsWith("TRC", StringComparison.Ordinal));
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    /// <summary>The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        Regex.Replace(heading.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{Nd}\s_-]", string.Empty).Replace(' ', '-');

    /// <summary>The folder holding Instrumentation.sln, above the test assembly (bin/Debug/net10.0).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new FileInfo(typeof(DiagnosticCatalogTests).Assembly.Location).Directory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Instrumentation.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Instrumentation.sln above {typeof(DiagnosticCatalogTests).Assembly.Location}");
    }
}
