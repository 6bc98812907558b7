using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Instrumentation.Package.Tests.Support;
using Xunit;

namespace Instrumentation.Package.Tests;

[Collection(PackedFeedCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    [Fact]
    public void Runtime_is_in_lib_for_each_target_framework_and_the_generator_only_under_analyzers()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("lib/netstandard2.0/Instrumentation.dll", entries);
        Assert.Contains("lib/net8.0/Instrumentation.dll", entries);
        Assert.Contains("lib/net8.0/Instrumentation.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Instrumentation.Generator.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_and_buildTransitive_targets_append_the_generated_namespace()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var build = Read(package, "build/Instrumentation.targets");
        Assert.Contains("<InterceptorsNamespaces>$(InterceptorsNamespaces);Instrumentation.Generated</InterceptorsNamespaces>", build);
        Assert.Contains("""<CompilerVisibleProperty Include="InstrumentationCodeTags" />""", build);
        Assert.Contains("../build/Instrumentation.targets", Read(package, "buildTransitive/Instrumentation.targets"));
        Assert.DoesNotContain(package.Entries, e => e.FullName.EndsWith(".props", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_has_readme_license_repository_and_dependencies()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var nuspec = XDocument.Parse(Read(package, "Instrumentation.nuspec"));
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal(feed.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        var readme = metadata.Element(ns + "readme")!.Value;
        Assert.Contains("dotnet add package Instrumentation", Read(package, readme));
        var repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).Distinct().ToList();
        Assert.DoesNotContain(dependencies, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, id => id.StartsWith("PolySharp", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(feed.PackagePath, ".snupkg")), "symbols package missing");
    }

    [Theory]
    [InlineData("lib/netstandard2.0/Instrumentation.dll")]
    [InlineData("lib/net8.0/Instrumentation.dll")]
    public void Runtime_assembly_is_strong_name_signed_with_the_repository_key(string entry)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        AssertSignedWithTheRepositoryKey(package, entry);
    }

    [Fact]
    public void Hosting_package_depends_on_the_main_package_of_the_same_version_and_is_signed()
    {
        using var package = ZipFile.OpenRead(feed.HostingPackagePath);
        var nuspec = XDocument.Parse(Read(package, "Instrumentation.Hosting.nuspec"));
        var ns = nuspec.Root!.Name.Namespace;
        var dependency = Assert.Single(nuspec.Descendants(ns + "dependency"), d => d.Attribute("id")!.Value == "Instrumentation");
        Assert.Equal(feed.Version, dependency.Attribute("version")!.Value);
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal));
        AssertSignedWithTheRepositoryKey(package, "lib/net8.0/Instrumentation.Hosting.dll");
    }

    [Fact]
    public void AspNetCore_package_depends_on_the_hosting_package_and_the_ASP_NET_Core_framework_and_is_signed()
    {
        using var package = ZipFile.OpenRead(feed.AspNetCorePackagePath);
        var nuspec = XDocument.Parse(Read(package, "Instrumentation.AspNetCore.nuspec"));
        var ns = nuspec.Root!.Name.Namespace;
        var dependency = Assert.Single(nuspec.Descendants(ns + "dependency"));
        Assert.Equal(("Instrumentation.Hosting", feed.Version), (dependency.Attribute("id")!.Value, dependency.Attribute("version")!.Value));
        Assert.Contains(nuspec.Descendants(ns + "frameworkReference"), f => f.Attribute("name")!.Value == "Microsoft.AspNetCore.App");
        Assert.Contains(package.Entries, e => e.FullName == "PACKAGE.md");
        AssertSignedWithTheRepositoryKey(package, "lib/net8.0/Instrumentation.AspNetCore.dll");
    }

    private static void AssertSignedWithTheRepositoryKey(ZipArchive package, string entry)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".dll");
        try
        {
            (package.GetEntry(entry) ?? throw new InvalidOperationException(entry + " is not in the package")).ExtractToFile(path);
            var token = AssemblyName.GetAssemblyName(path).GetPublicKeyToken();
            Assert.NotNull(token);
            Assert.NotEmpty(token);
            Assert.Equal(typeof(TracedAttribute).Assembly.GetName().GetPublicKeyToken(), token);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Read(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)?.Open() ?? throw new InvalidOperationException(entry + " is not in the package"));
        return reader.ReadToEnd();
    }
}
