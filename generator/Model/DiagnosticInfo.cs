using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.Generator.Model;

/// <summary>A diagnostic as plain values (descriptor id, location parts, message arguments), so it caches.</summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    /// <summary>
    /// The call is of a method that only <c>[assembly: Traced]</c> covers: a warning would then be
    /// one of hundreds the developer never asked about one by one, and would break builds that treat
    /// warnings as errors, so it is reported as a message (Info). The id stays the same, so
    /// <c>dotnet_diagnostic.TRC005.severity = warning</c> in .editorconfig raises it again.
    /// </summary>
    public bool AssemblyWide { get; init; }

    /// <summary>This diagnostic, reported as a message when <paramref name="assemblyWide"/>.</summary>
    public DiagnosticInfo For(bool assemblyWide) => assemblyWide ? this with { AssemblyWide = true } : this;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var span = location?.GetLineSpan();
        return new DiagnosticInfo(
            descriptor.Id,
            span?.Path ?? string.Empty,
            location?.SourceSpan ?? default,
            span?.Span ?? default,
            arguments.ToEquatableArray());
    }

    /// <summary>
    /// The diagnostic, located in <paramref name="tree"/> when given: only a location in a syntax tree
    /// lets <c>#pragma warning disable</c> there suppress it (a file-path location cannot).
    /// </summary>
    public Diagnostic ToDiagnostic(SyntaxTree? tree = null)
    {
        var location = tree is not null ? Location.Create(tree, Span)
            : FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
        var severity = AssemblyWide ? DiagnosticSeverity.Info : descriptor.DefaultSeverity;
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, Arguments.Items.ToArray());
    }
}
