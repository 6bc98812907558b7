using System;
using System.IO;

namespace Instrumentation.Package.Tests.Support;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the directory that holds Instrumentation.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Instrumentation.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Instrumentation.sln not found above " + AppContext.BaseDirectory);
    }
}
