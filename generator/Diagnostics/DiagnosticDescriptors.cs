using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. Each says what is not traced and what to do instead.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Instrumentation";

    // The project declares no public repository URL (packages read theirs from git at pack time), so
    // help links are relative to the repository root: change this one constant once it has a public home.
    private const string HelpLinkBase = "docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor BaseCall = Create(
        "TRC001", "Call through base is not traced",
        "The call to '{0}' through 'base' is not traced: an interceptor there would call itself forever. Call it without 'base.' or put 'using var span = Tracing.Block();' inside the base method.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ExpressionTree = Create(
        "TRC002", "Call inside an expression tree is not traced",
        "The call to '{0}' inside an expression tree is not traced, so LINQ providers still see the original method. Trace the code that runs the query instead.",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor MethodGroup = Create(
        "TRC003", "Method group or delegate is not traced",
        "'{0}' is used as a method group, so calls through the delegate are not traced. Use a lambda that calls it (for example 'x => {1}(x)'), or put 'using var span = Tracing.Block();' inside it.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor StaticAbstract = Create(
        "TRC004", "Static abstract member called through a type parameter is not traced",
        "The call to '{0}' through type parameter '{1}' cannot be intercepted. Put 'using var span = Tracing.Block();' inside the implementations.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor Inaccessible = Create(
        "TRC005", "Traced member cannot be reached by generated code",
        "The call to '{0}' is not traced: {1} is not accessible to generated code in this assembly. Make it internal (or public), or put 'using var span = Tracing.Block();' inside it.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NoCallSites = Create(
        "TRC006", "Traced method has no traceable call in this compilation",
        "'{0}' is marked [Traced] but no call in this compilation can be intercepted. Calls are traced in the assembly that makes them, when it references Instrumentation; calls through delegates, reflection or frameworks are not (use Tracing.Block inside the method for those).",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        "TRC007", "async void method is traced only until its first await",
        "'{0}' is async void: its completion cannot be observed, so its span covers only the part before the first await and exceptions after it are not recorded. Return Task instead.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor CannotHost = Create(
        "TRC008", "Tracing code was not generated",
        "No [Traced] call is traced in this project: {0}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LocalFunction = Create(
        "TRC009", "Local functions and lambdas cannot be traced with [Traced]",
        "'{0}' is a local function or lambda, whose calls cannot be intercepted. Put 'using var span = Tracing.Block();' inside it instead.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedTagType = Create(
        "TRC010", "Tag value type needs an explicit opt-in",
        "[Tag] on '{0}' of type '{1}' is ignored: only primitives, strings, enums and Guids become tags by default. Set [Tag(UseToString = true)] to tag its ToString() text.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedShape = Create(
        "TRC011", "Call shape cannot be intercepted",
        "The call to '{0}' is not traced: {1}. Put 'using var span = Tracing.Block();' inside the method instead.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NotAMethodCall = Create(
        "TRC012", "[Traced] has no effect on operators, accessors, constructors, finalizers and explicit interface implementations",
        "[Traced] on '{0}' has no effect: {1}.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnusableCarrier = Create(
        "TRC013", "[TraceContext] parameter has a type the span cannot use",
        "[TraceContext] on '{0}' of '{1}' is ignored: a {2} span needs a carrier of type '{3}' to {4}, and '{5}' is not one. Change the parameter's type, or remove [TraceContext] and call '{6}' with a callback inside 'using var span = Tracing.Block();'.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor CarrierWithoutEffect = Create(
        "TRC014", "[TraceContext] has no effect on this method",
        "[TraceContext] on '{0}' of '{1}' has no effect: {2}.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SeveralCarriers = Create(
        "TRC015", "More than one [TraceContext] parameter",
        "'{0}' has more than one [TraceContext] parameter ({1}), so its span uses none of them. Keep [TraceContext] on the one parameter that carries the trace context.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NoDecorator = Create(
        "TRC016", "No decorator is generated for a [Traced] interface",
        "No decorator is generated for '{0}': {1}. Calls through the interface in this assembly are still traced; for calls made elsewhere (frameworks, other assemblies), put 'using var span = Tracing.Block();' inside the implementations.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RenamedDecoratorExtension = Create(
        "TRC017", "AddTracedDecorators of this assembly has another name",
        "Referenced assembly '{0}' has its own AddTracedDecorators, visible here through InternalsVisibleTo, so this assembly's is named '{1}'. Call '{1}()' to wrap this assembly's [Traced] interfaces ('AddTracedDecorators()' wraps only those of '{0}').",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor TagWithoutValue = Create(
        "TRC018", "[Tag] records nothing here",
        "[Tag] on '{0}' of '{1}' is ignored: {2}.",
        DiagnosticSeverity.Warning);

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        BaseCall, ExpressionTree, MethodGroup, StaticAbstract, Inaccessible, NoCallSites, AsyncVoid, CannotHost, LocalFunction, UnsupportedTagType, UnsupportedShape, NotAMethodCall,
        UnusableCarrier, CarrierWithoutEffect, SeveralCarriers, NoDecorator, RenamedDecoratorExtension, TagWithoutValue,
    ];

    public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: message, helpLinkUri: HelpLink(id));

    /// <summary>The section of docs/diagnostics.md about the rule: its heading is the id, so its anchor is the id in lower case.</summary>
    internal static string HelpLink(string id) => HelpLinkBase + id.ToLowerInvariant();
}
