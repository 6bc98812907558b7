namespace Instrumentation.Generator.Model;

/// <summary>Project-level inputs: whether generated code can compile here, and the switches that shape it.</summary>
/// <param name="CannotHostReason">Why the project cannot host interceptors, or null when it can.</param>
/// <param name="CodeTags">Emit <c>code.function.name</c>/<c>code.file.path</c>/<c>code.line.number</c> (MSBuild <c>InstrumentationCodeTags</c>).</param>
/// <param name="AssemblyName">Names the assembly's activity source.</param>
/// <param name="DependencyInjection">The project references Microsoft.Extensions.DependencyInjection.Abstractions with keyed services (8+): emit <c>AddTracedDecorators</c>.</param>
internal sealed record GeneratorSettings(string? CannotHostReason, bool CodeTags, string AssemblyName, bool DependencyInjection = false);
