namespace Instrumentation.Package.Tests.Support;

/// <summary>Project files as a new user writes them: `dotnet new` defaults plus one PackageReference.</summary>
internal static class ProjectFiles
{
    public static string Console(string version, string extraProperties = "", string extraItems = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            {extraProperties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Instrumentation" Version="{version}" />
            {extraItems}
          </ItemGroup>
        </Project>
        """;

    public static string Library(string version, string targetFramework, string extraProperties = "", string extraItems = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>{targetFramework}</TargetFramework>
            <Nullable>enable</Nullable>
            {extraProperties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Instrumentation" Version="{version}" />
            {extraItems}
          </ItemGroup>
        </Project>
        """;

    /// <summary>The README's install section: start the tracer with LogSpans, call [Traced] code.</summary>
    public const string TracerStart = """
        using Instrumentation;

        using var tracer = new TracerConfiguration("package-test") { Reporter = { LogSpans = true } }
            .WithEnvironmentOverrides()
            .Start();
        """;
}
