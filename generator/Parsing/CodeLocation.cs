using System;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// A source position as <c>[CallerFilePath]</c> and <c>[CallerLineNumber]</c> report it: <c>#line</c>
/// directives and the compilation's path map (<c>/pathmap</c>, which deterministic CI builds set) are
/// applied, so the code location tags agree with stack traces and never carry the build machine's paths.
/// </summary>
internal readonly record struct CodeLocation(string Path, int Line)
{
    public static CodeLocation? Of(Location? location, Compilation compilation)
    {
        if (location is null || !location.IsInSource) return null;
        var mapped = location.GetMappedLineSpan();
        var position = mapped.StartLinePosition;
        return new CodeLocation(MappedPath(mapped, location.SourceTree, compilation), position.Line + 1);
    }

    private static string MappedPath(FileLinePositionSpan mapped, SyntaxTree? tree, Compilation compilation)
    {
        if (mapped.Path.Length == 0 || compilation.Options.SourceReferenceResolver is not { } resolver) return mapped.Path;
        try
        {
            // A #line path is relative to the file that holds the directive, as the compiler resolves it.
            return resolver.NormalizePath(mapped.Path, mapped.HasMappedPath ? tree?.FilePath : null) ?? mapped.Path;
        }
        catch (ArgumentException)
        {
            return mapped.Path; // a path the resolver cannot read is still a useful tag as written
        }
    }
}
