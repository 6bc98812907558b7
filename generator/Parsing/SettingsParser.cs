using System;
using System.Linq;
using Instrumentation.Generator.Emitting;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Instrumentation.Generator.Parsing;

/// <summary>Reads the language version, the interceptor namespaces and our MSBuild switches.</summary>
internal static class SettingsParser
{
    public static GeneratorSettings Parse(ParseOptions parseOptions, AnalyzerConfigOptions globalOptions, string? assemblyName, bool dependencyInjection = false, string? referencedDecoratorExtensions = null)
    {
        var codeTags = !(globalOptions.TryGetValue("build_property.InstrumentationCodeTags", out var value)
            && string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        return new GeneratorSettings(CannotHostReason(parseOptions), codeTags, assemblyName ?? "Unnamed", dependencyInjection, referencedDecoratorExtensions);
    }

    /// <summary>
    /// The first referenced assembly (by name) with a generated <c>AddTracedDecorators</c> class this compilation can see
    /// (an internal class, through InternalsVisibleTo), or null.
    /// </summary>
    public static string? ReferencedDecoratorExtensions(Compilation compilation)
    {
        var metadataName = "Microsoft.Extensions.DependencyInjection." + GeneratorSettings.DecoratorExtensionClassName;
        return compilation.SourceModule.ReferencedAssemblySymbols
            .Where(a => a.GetTypeByMetadataName(metadataName) is { } type && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            .Select(a => a.Identity.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Whether the compilation can use <c>AddTracedDecorators</c>: IServiceCollection and keyed services (Abstractions 8+).</summary>
    public static bool HasDependencyInjection(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is not null
        && compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions") is not null
        && compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceDescriptor") is { } descriptor
        && descriptor.GetMembers("IsKeyedService").Length > 0;

    private static string? CannotHostReason(ParseOptions options)
    {
        if (options is not CSharpParseOptions csharp) return "the project is not C#.";
        if (csharp.LanguageVersion < LanguageVersion.CSharp11)
            return $"C# {csharp.LanguageVersion.ToDisplayString()} is too old for the generated code, which needs C# 11 or later. Set <LangVersion>latest</LangVersion> in the project (netstandard2.0 and .NET Framework projects default to C# 7.3).";

        // Read as the compiler reads it: only this feature (the SDK's Csc task folds InterceptorsPreviewNamespaces into it),
        // split on ';' and not trimmed. Anything looser makes interceptors the compiler rejects (CS9137).
        var enabled = csharp.Features.TryGetValue("InterceptorsNamespaces", out var namespaces) ? namespaces.Split(';') : [];
        if (!enabled.Any(n => n == InterceptorEmitter.Namespace || InterceptorEmitter.Namespace.StartsWith(n + ".", StringComparison.Ordinal)))
            return $"interceptors are not enabled for namespace {InterceptorEmitter.Namespace}. Add <InterceptorsNamespaces>$(InterceptorsNamespaces);{InterceptorEmitter.Namespace}</InterceptorsNamespaces> to the project (the Instrumentation package does this for you).";
        return null;
    }
}
