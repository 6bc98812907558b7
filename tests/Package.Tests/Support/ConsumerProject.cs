using System;
using System.Collections.Generic;
using System.IO;

namespace Instrumentation.Package.Tests.Support;

/// <summary>
/// A fresh directory outside the repository (so none of its Directory.Build.* files apply) with a
/// nuget.config naming the local feed and the public source, as a new user's machine would have.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private ConsumerProject(string root) => Root = root;

    public string Root { get; }

    public static ConsumerProject Create(PackedFeed feed)
    {
        var root = Directory.CreateTempSubdirectory("instrumentation-consumer-").FullName;
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return new ConsumerProject(root);
    }

    /// <summary>Writes <paramref name="files"/> (relative path to text) under <paramref name="directory"/>.</summary>
    public string Write(string directory, IReadOnlyDictionary<string, string> files)
    {
        var dir = Path.Combine(Root, directory);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
