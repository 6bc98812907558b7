namespace Instrumentation.Generator.Model;

/// <summary>Project-level inputs: whether generated code can compile here, and the switches that shape it.</summary>
/// <param name="CannotHostReason">Why the project cannot host interceptors, or null when it can.</param>
/// <param name="CodeTags">Emit <c>code.function.name</c>/<c>code.file.path</c>/<c>code.line.number</c> (MSBuild <c>InstrumentationCodeTags</c>).</param>
/// <param name="AssemblyName">Names the assembly's activity source.</param>
/// <param name="DependencyInjection">The project references Microsoft.Extensions.DependencyInjection.Abstractions with keyed services (8+): emit <c>AddTracedDecorators</c>.</param>
/// <param name="ReferencedDecoratorExtensions">
/// A referenced assembly whose generated <c>AddTracedDecorators</c> this one can see (InternalsVisibleTo), or null: then this
/// assembly's extension gets an assembly-specific name, so the two do not make every call ambiguous (CS0121).
/// </param>
internal sealed record GeneratorSettings(string? CannotHostReason, bool CodeTags, string AssemblyName, bool DependencyInjection = false, string? ReferencedDecoratorExtensions = null)
{
    /// <summary>The generated extension method's name: <c>AddTracedDecorators</c>, or <c>AddTracedDecoratorsOf{Assembly}</c> when a referenced one is visible.</summary>
    public string DecoratorExtensionName => ReferencedDecoratorExtensions is null ? "AddTracedDecorators" : "AddTracedDecoratorsOf" + Identifier(AssemblyName);

    /// <summary>The generated extension class's name (the same pattern, so it does not clash with the referenced one: CS0436).</summary>
    public string DecoratorExtensionClass => ReferencedDecoratorExtensions is null ? DecoratorExtensionClassName : DecoratorExtensionClassName + "Of" + Identifier(AssemblyName);

    public const string DecoratorExtensionClassName = "InstrumentationTracedDecoratorsExtensions";

    private static string Identifier(string name) => new(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(name, c => char.IsLetterOrDigit(c) ? c : '_')));
}
