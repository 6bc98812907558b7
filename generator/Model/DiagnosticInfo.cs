using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.Generator.Model;

/// <summary>A diagnostic as plain values (descriptor id, location parts, message arguments), so it caches.</summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
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
        return Diagnostic.Create(Diagnostics.DiagnosticDescriptors.ById(Id), location, Arguments.Items.ToArray());
    }
}
