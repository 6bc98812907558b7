using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Diagnostics;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>
/// The <c>[TraceContext]</c> parameter of a traced method: whether its span extracts its parent from
/// it (Consumer, Server) or injects its context into it (Producer, Client), or, with a diagnostic,
/// neither (wrong type, Internal kind, iterator, several carriers).
/// </summary>
internal static class CarrierParameters
{
    public const string TraceContextAttributeName = "Instrumentation.TraceContextAttribute";

    private const int Server = 1, Client = 2, Producer = 3, Consumer = 4;

    /// <summary>The carrier the span uses (its escaped name), or <see cref="CarrierMode.None"/>; <paramref name="problems"/> gets what the user should hear.</summary>
    public static (CarrierMode Mode, string? Parameter) Resolve(IMethodSymbol method, int kind, Compilation compilation, List<DiagnosticInfo>? problems = null)
    {
        var marked = MarkedParameters(method);
        if (marked.Count == 0) return (CarrierMode.None, null);

        var display = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (marked.Count > 1)
        {
            problems?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralCarriers, method.Locations.FirstOrDefault(), display,
                string.Join(", ", marked.Select(p => "'" + p.Name + "'"))));
            return (CarrierMode.None, null);
        }

        var carrier = marked[0];
        var location = carrier.Locations.FirstOrDefault();
        if (kind is not (Server or Client or Producer or Consumer))
        {
            problems?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CarrierWithoutEffect, location, carrier.Name, display,
                "its span kind is Internal. Set Kind on [Traced]: Consumer and Server spans extract their parent context from the carrier, Producer and Client spans inject their context into it"));
            return (CarrierMode.None, null);
        }

        if (TargetMethodBuilder.ShapeOf(method, compilation) is ReturnShape.Enumerable or ReturnShape.AsyncEnumerable)
        {
            problems?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CarrierWithoutEffect, location, carrier.Name, display,
                "it is an iterator, whose span starts when the enumeration starts, after the call has returned. Call TraceContext.Extract or TraceContext.Inject inside 'using var span = Tracing.Block();' in its body instead"));
            return (CarrierMode.None, null);
        }

        var extract = kind is Server or Consumer;
        var needed = extract
            ? Constructed(compilation, "System.Collections.Generic.IEnumerable`1", KeyValuePair(compilation))
            : Constructed(compilation, "System.Collections.Generic.IDictionary`2", String(compilation), String(compilation));
        if (needed is null) return (CarrierMode.None, null);

        var usable = carrier.RefKind != RefKind.Out && !carrier.Type.IsRefLikeType && compilation.HasImplicitConversion(carrier.Type, needed);
        if (!usable)
        {
            var type = (carrier.RefKind == RefKind.Out ? "out " : string.Empty) + carrier.Type.ToDisplayString();
            problems?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusableCarrier, location, carrier.Name, display,
                extract ? (kind == Server ? "Server" : "Consumer") : (kind == Client ? "Client" : "Producer"),
                needed.ToDisplayString(),
                extract ? "extract its parent context from" : "inject its context into",
                type,
                extract ? "TraceContext.Extract(carrier, getter)" : "TraceContext.Inject(span, carrier, setter)"));
            return (CarrierMode.None, null);
        }

        return (extract ? CarrierMode.Extract : CarrierMode.Inject, SymbolNames.Identifier(carrier.Name));
    }

    /// <summary>
    /// The carrier parameters of <paramref name="method"/>: those marked <c>[TraceContext]</c> on it or, when it marks none, on the
    /// base or interface member it overrides or implements (by position), which is where <c>[Traced]</c> often sits too.
    /// </summary>
    private static List<IParameterSymbol> MarkedParameters(IMethodSymbol method)
    {
        static List<IParameterSymbol> Marked(IMethodSymbol m) => m.Parameters.Where(p => TracedSymbols.Get(p, TraceContextAttributeName) is not null).ToList();
        var own = Marked(method);
        if (own.Count > 0 || method.ContainingType is null || method.IsStatic) return own;

        var bases = new List<IMethodSymbol>();
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod) bases.Add(overridden);
        foreach (var iface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in iface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method.OriginalDefinition))
                    bases.Add(member);
            }
        }

        foreach (var source in bases)
        {
            var marked = Marked(source);
            if (marked.Count > 0 && source.Parameters.Length == method.Parameters.Length) return marked.Select(p => method.Parameters[p.Ordinal]).ToList();
        }

        return own;
    }

    private static ITypeSymbol String(Compilation compilation) => compilation.GetSpecialType(SpecialType.System_String);

    private static ITypeSymbol? KeyValuePair(Compilation compilation) =>
        Constructed(compilation, "System.Collections.Generic.KeyValuePair`2", String(compilation), String(compilation));

    private static INamedTypeSymbol? Constructed(Compilation compilation, string metadataName, params ITypeSymbol?[] arguments)
    {
        var definition = compilation.GetTypeByMetadataName(metadataName);
        return definition is null || arguments.Any(a => a is null) ? null : definition.Construct(arguments!);
    }
}
