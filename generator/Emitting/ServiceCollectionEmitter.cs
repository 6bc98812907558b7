using System.Collections.Generic;
using Instrumentation.Generator.Model;

namespace Instrumentation.Generator.Emitting;

/// <summary>
/// <c>AddTracedDecorators()</c>, in the decorators' file when the project uses Microsoft.Extensions.DependencyInjection:
/// it wraps the registrations of this assembly's non-generic <c>[Traced]</c> interfaces in their decorators.
/// </summary>
internal static class ServiceCollectionEmitter
{
    public static void Emit(SourceWriter w, IReadOnlyList<DecoratorModel> decorators, GeneratorSettings settings)
    {
        const string DI = "global::Microsoft.Extensions.DependencyInjection";
        var namedAfter = settings.ReferencedDecoratorExtensions is { } referenced
            ? $"\n    /// Named after this assembly (TRC017): AddTracedDecorators here is the one of {referenced}, which wraps only its interfaces."
            : string.Empty;
        w.Open("namespace Microsoft.Extensions.DependencyInjection")
            .Lines($$"""
                /// <summary>Registers the generated decorators of this assembly's <c>[Traced]</c> interfaces.</summary>
                [global::System.CodeDom.Compiler.GeneratedCode("Instrumentation.Generator", "{{GeneratedMarks.Version}}")]
                [global::System.Diagnostics.DebuggerNonUserCode, global::System.Diagnostics.DebuggerStepThrough]
                internal static class {{settings.DecoratorExtensionClass}}
                {
                    /// <summary>
                    /// Wraps every service registered so far whose service type is a <c>[Traced]</c> interface of this assembly in its
                    /// generated decorator, so calls the interceptors cannot see (made by frameworks, other assemblies, reflection)
                    /// get a span too; intercepted calls still get exactly one. Call it after the registrations. Each registration keeps
                    /// its lifetime and its position; the original is moved to a keyed registration with a private key, so the
                    /// container still constructs (ActivatorUtilities rules, injection, disposal) the implementation type, factory
                    /// or instance exactly as before. Needs a container with keyed services (Microsoft.Extensions.DependencyInjection 8+).
                    /// Left untouched: keyed registrations, open generic registrations and generic interfaces (wrap those by hand
                    /// with the decorator class). Calling it again wraps nothing twice.{{namedAfter}}
                    /// </summary>
                    public static {{DI}}.IServiceCollection {{settings.DecoratorExtensionName}}(this {{DI}}.IServiceCollection services)
                    {
                        if (services is null) throw new global::System.ArgumentNullException(nameof(services));
                        for (var i = 0; i < services.Count; i++)
                        {
                            var descriptor = services[i];
                            if (descriptor.IsKeyedService || descriptor.ImplementationFactory?.Target is TracedDecoration) continue;
                            var decorate = DecoratorOf(descriptor.ServiceType);
                            if (decorate is null) continue;
                            var decoration = new TracedDecoration(decorate);
                            services.Add(decoration.Original(descriptor));
                            services[i] = new {{DI}}.ServiceDescriptor(descriptor.ServiceType, decoration.Create, descriptor.Lifetime);
                        }

                        return services;
                    }

                    private static global::System.Func<object, object>? DecoratorOf(global::System.Type serviceType)
                    {
                """);
        foreach (var d in decorators)
        {
            // Already a decorator of this service type (another traced service resolved to the same decorator): one span per call.
            // The container owns what it built, so disposing the decorator leaves the inner instance to the container.
            w.Line($"        if (serviceType == typeof({d.InterfaceType})) return static inner => inner is global::Instrumentation.ITracedDecorator and {d.InterfaceType} ? inner : new global::{InterceptorEmitter.Namespace}.{d.ClassName}(({d.InterfaceType})inner{(d.Disposable ? ", disposeInner: false" : string.Empty)});");
        }

        w.Lines($$"""
                        return null;
                    }
                }

                /// <summary>
                /// One wrapped registration: its private key, and the factory that decorates what the original builds.
                /// The original is kept as a keyed <c>object</c>, not under its service type, so the service's own
                /// keyed look-ups (<c>GetKeyedServices&lt;T&gt;(KeyedService.AnyKey)</c>) never see it.
                /// </summary>
                [global::System.CodeDom.Compiler.GeneratedCode("Instrumentation.Generator", "{{GeneratedMarks.Version}}")]
                [global::System.Diagnostics.DebuggerNonUserCode, global::System.Diagnostics.DebuggerStepThrough]
                file sealed class TracedDecoration
                {
                    private readonly global::System.Func<object, object> decorate;

                    // Not a primary constructor: projects on C# 11 use these decorators too.
                    public TracedDecoration(global::System.Func<object, object> decorate) => this.decorate = decorate;

                    public {{DI}}.ServiceDescriptor Original({{DI}}.ServiceDescriptor descriptor)
                    {
                        if (descriptor.ImplementationInstance is { } instance) return new {{DI}}.ServiceDescriptor(typeof(object), this, instance);
                        if (descriptor.ImplementationFactory is { } factory) return new {{DI}}.ServiceDescriptor(typeof(object), this, (services, _) => factory(services), descriptor.Lifetime);
                        return new {{DI}}.ServiceDescriptor(typeof(object), this, descriptor.ImplementationType!, descriptor.Lifetime);
                    }

                    // A factory may give null (GetService then returns null): there is nothing to decorate.
                    public object Create(global::System.IServiceProvider services) =>
                        {{DI}}.ServiceProviderKeyedServiceExtensions.GetKeyedService(services, typeof(object), this) is { } original ? decorate(original) : null!;
                }
                """)
            .Close();
    }
}
