using System;
using System.IO;
using Xunit;

namespace Instrumentation.Package.Tests.Support;

/// <summary>
/// Packs the repository's packages once per test run into a temporary local feed, with a version
/// of its own (so the global packages folder never serves a stale copy of an earlier run).
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Directory = System.IO.Directory.CreateTempSubdirectory("instrumentation-feed-").FullName;
        var pack = Pack("runtime/Instrumentation.csproj");
        pack = Pack("runtime/Hosting/Instrumentation.Hosting.csproj");
        pack = Pack("runtime/AspNetCore/Instrumentation.AspNetCore.csproj");
        PackagePath = Path.Combine(Directory, $"Instrumentation.{Version}.nupkg");
        HostingPackagePath = Path.Combine(Directory, $"Instrumentation.Hosting.{Version}.nupkg");
        AspNetCorePackagePath = Path.Combine(Directory, $"Instrumentation.AspNetCore.{Version}.nupkg");
        Assert.True(File.Exists(PackagePath), "no package at " + PackagePath + "\n" + pack);
        Assert.True(File.Exists(HostingPackagePath), "no package at " + HostingPackagePath + "\n" + pack);
        Assert.True(File.Exists(AspNetCorePackagePath), "no package at " + AspNetCorePackagePath + "\n" + pack);
    }

    public string Directory { get; }

    private DotNet.Result Pack(string project)
    {
        var pack = DotNet.Run(RepositoryPaths.Root, $"pack {project} -c Release -o \"{Directory}\" -p:PackageVersion={Version} -nologo");
        Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed: " + pack);
        return pack;
    }

    public string Version { get; }

    /// <summary>The main package: runtime, generator, build targets.</summary>
    public string PackagePath { get; }

    /// <summary>Instrumentation.Hosting.</summary>
    public string HostingPackagePath { get; }

    /// <summary>Instrumentation.AspNetCore.</summary>
    public string AspNetCorePackagePath { get; }

    public void Dispose()
    {
        TryDelete(Directory);
        // The restored copy in the global packages folder: this version exists only for this run.
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(home, "instrumentation", Version));
        TryDelete(Path.Combine(home, "instrumentation.hosting", Version));
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
