namespace Instrumentation.Generator.Model;

/// <summary>
/// A decorator to generate for a <c>[Traced]</c> interface: a class implementing it around an inner
/// instance, or (with <see cref="Problem"/>) the reason there is none.
/// </summary>
/// <param name="InterfaceType">The interface, fully qualified, with the decorator's type parameters.</param>
/// <param name="ClassName">The decorator's name in <c>Instrumentation.Generated</c>, without type parameters.</param>
/// <param name="TypeParameters">The interface's type parameters (<c>&lt;T&gt;</c>), or empty.</param>
/// <param name="Constraints">Their constraints, copied onto the decorator.</param>
/// <param name="SortKey">The interface's full metadata name, for deterministic output.</param>
/// <param name="Members">Every member, in declaration order (the interface's, then its bases').</param>
/// <param name="Problem">TRC016 when no decorator can be generated; then nothing else is used.</param>
/// <param name="Disposable">
/// The interface extends IDisposable or IAsyncDisposable: the decorator takes a flag saying whether disposing it disposes
/// the inner instance (not when a container built it: the container disposes what it owns, and never a registered instance).
/// </param>
/// <param name="ClassAttributes">What the interface requires of its users (<c>[RequiresPreviewFeatures]</c>), repeated on the decorator class, as source text ending in a space, or empty.</param>
/// <param name="DiagnosticIds">The ids of <c>[Experimental]</c> and <c>[Obsolete(DiagnosticId = ...)]</c> on the interface, its bases and members, sorted: the decorators' file disables them.</param>
internal sealed record DecoratorModel(
    string InterfaceType,
    string ClassName,
    string TypeParameters,
    string Constraints,
    string SortKey,
    EquatableArray<DecoratorMember> Members,
    DiagnosticInfo? Problem,
    bool Disposable = false,
    EquatableArray<string> DiagnosticIds = default,
    string ClassAttributes = "");

/// <summary>
/// One member of a decorator. A method has a <see cref="Header"/> (its explicit implementation's
/// signature) and, when traced, the <see cref="Traced"/> model whose span body interceptors use too;
/// untraced methods, properties and events are forwarded as the complete declaration <see cref="Forward"/>.
/// <see cref="Receiver"/> is how the member reaches the inner instance: through the interface that declares it, so
/// members of several bases with one signature, and members hidden with <c>new</c>, call the right one.
/// <see cref="Disposes"/>: it is IDisposable.Dispose or IAsyncDisposable.DisposeAsync.
/// </summary>
internal sealed record DecoratorMember(string Header, TargetMethod? Traced, string Forward, string Receiver = "this.inner", bool Disposes = false);
