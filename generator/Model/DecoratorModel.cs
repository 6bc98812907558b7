namespace Instrumentation.Generator.Model;

/// <summary>
/// A decorator to generate for a <c>[Traced]</c> interface: a class implementing it around an inner
/// instance, or (with <see cref="Problem"/>) the reason there is none.
/// </summary>
/// <param name="InterfaceType">The interface, fully qualified, with the decorator's type parameters.</param>
/// <param name="ClassName">The decorator's name in <c>Instrumentation.Generated</c>, without type parameters.</param>
/// <param name="TypeParameters">The interface's type parameters, repeated with their constraints on the decorator.</param>
/// <param name="SortKey">The interface's full metadata name, for deterministic output.</param>
/// <param name="Members">Every member, in declaration order (the interface's, then its bases').</param>
/// <param name="Problem">TRC016 when no decorator can be generated; then nothing else is used.</param>
/// <param name="Disposable">
/// The interface extends IDisposable or IAsyncDisposable: the decorator takes a flag saying whether disposing it disposes
/// the inner instance (not when a container built it: the container disposes what it owns, and never a registered instance).
/// </param>
/// <param name="ClassAttributes">What the interface requires of its users (<c>[RequiresPreviewFeatures]</c>), repeated on the decorator class.</param>
/// <param name="DiagnosticIds">The ids of <c>[Experimental]</c> and <c>[Obsolete(DiagnosticId = ...)]</c> on the interface, its bases and members, sorted: the decorators' file disables them.</param>
internal sealed record DecoratorModel(
    string InterfaceType,
    string ClassName,
    EquatableArray<TypeParameterModel> TypeParameters,
    string SortKey,
    EquatableArray<DecoratorMember> Members,
    DiagnosticInfo? Problem,
    bool Disposable = false,
    EquatableArray<string> DiagnosticIds = default,
    EquatableArray<AttributeModel> ClassAttributes = default);

/// <summary>What a decorator member is, which decides how it is declared and forwarded.</summary>
internal enum MemberKind
{
    Method,
    Property,
    Indexer,
    Event,
}

/// <summary>A forwarded method that disposes the inner instance, only when the decorator owns it (see <see cref="DecoratorModel.Disposable"/>).</summary>
internal enum Disposal
{
    None,
    Dispose,
    DisposeAsync,
}

/// <summary>
/// One member of a decorator, implemented explicitly for <see cref="Interface"/> and forwarded to the inner instance;
/// a traced method also has the <see cref="Traced"/> model whose span body interceptors use too.
/// </summary>
/// <param name="Name">The member's name, escaped for C# (unused for an indexer).</param>
/// <param name="Interface">The interface that declares it, fully qualified: the explicit implementation's qualifier.</param>
/// <param name="ThroughBase">
/// It is a base interface's: reached through a cast to <see cref="Interface"/>, since another base may declare one of the same
/// signature (IList&lt;T&gt; and IReadOnlyList&lt;T&gt;, a diamond) and the decorated interface may hide it with <c>new</c>.
/// </param>
/// <param name="Type">The return, property or event type, fully qualified (<c>void</c>).</param>
/// <param name="Ref">A ref return.</param>
/// <param name="TypeParameters">A method's type parameters.</param>
/// <param name="Parameters">A method's or indexer's parameters.</param>
/// <param name="Attributes">A method's own and return attributes, or a property's.</param>
/// <param name="Getter">A property's get accessor's attributes, or null without one.</param>
/// <param name="Setter">A property's set accessor's attributes, or null without one.</param>
internal sealed record DecoratorMember(
    MemberKind Kind,
    string Name,
    string Interface,
    bool ThroughBase,
    string Type,
    RefMode Ref,
    EquatableArray<TypeParameterModel> TypeParameters,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<AttributeModel> Attributes,
    EquatableArray<AttributeModel>? Getter = null,
    EquatableArray<AttributeModel>? Setter = null,
    Disposal Disposal = Disposal.None,
    TargetMethod? Traced = null);
