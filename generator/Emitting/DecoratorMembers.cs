using System.Linq;
using Instrumentation.Generator.Model;

namespace Instrumentation.Generator.Emitting;

/// <summary>How a decorator member is declared (an explicit implementation) and, when not traced, forwarded to the inner instance.</summary>
internal static class DecoratorMembers
{
    /// <summary>The inner instance as the member reaches it: a base interface's member through a cast to that base.</summary>
    public static string Receiver(DecoratorMember m) => m.ThroughBase ? $"(({m.Interface})this.inner)" : "this.inner";

    /// <summary>A method's explicit implementation signature.</summary>
    public static string MethodHeader(DecoratorMember m) =>
        $"{SignatureText.Attributes(m.Attributes)}{SignatureText.ReturnPrefix(m.Ref)}{m.Type} {m.Interface}.{m.Name}{SignatureText.TypeParameterDeclarations(m.TypeParameters)}({Declarations(m)}){SignatureText.ExplicitConstraints(m.TypeParameters)}";

    /// <summary>The complete declaration of an untraced member, on one line.</summary>
    public static string Forward(DecoratorMember m) => m.Kind switch
    {
        MemberKind.Method => ForwardMethod(m),
        MemberKind.Event => $"event {m.Type} {m.Interface}.{m.Name} {{ add => {Receiver(m)}.{m.Name} += value; remove => {Receiver(m)}.{m.Name} -= value; }}",
        _ => ForwardProperty(m),
    };

    private static string ForwardMethod(DecoratorMember m)
    {
        var header = MethodHeader(m);
        var call = $"{Receiver(m)}.{m.Name}{SignatureText.TypeParameterList(m.TypeParameters)}({Arguments(m)})";
        return m.Disposal switch
        {
            // The container that built the decorator owns (and disposes) the inner instance: see DecoratorModel.Disposable.
            Disposal.Dispose => $"{header} {{ if (this.disposeInner) {call}; }}",
            Disposal.DisposeAsync => $"{header} => this.disposeInner ? {call} : default;",
            _ => $"{header} => {SignatureText.ReturnCall(m.Ref)}{call};",
        };
    }

    private static string ForwardProperty(DecoratorMember m)
    {
        var indexer = m.Kind == MemberKind.Indexer;
        var declared = indexer ? $"{m.Interface}.this[{Declarations(m)}]" : $"{m.Interface}.{m.Name}";
        var access = indexer ? $"{Receiver(m)}[{Arguments(m)}]" : $"{Receiver(m)}.{m.Name}";
        var accessors = new[]
        {
            m.Getter is { } getter ? $"{SignatureText.Attributes(getter)}get => {SignatureText.ReturnCall(m.Ref)}{access};" : null,
            m.Setter is { } setter ? $"{SignatureText.Attributes(setter)}set => {access} = value;" : null,
        };
        return $"{SignatureText.Attributes(m.Attributes)}{SignatureText.ReturnPrefix(m.Ref)}{m.Type} {declared} {{ {string.Join(" ", accessors.Where(a => a is not null))} }}";
    }

    private static string Declarations(DecoratorMember m) => string.Join(", ", m.Parameters.Select(SignatureText.Declaration));

    private static string Arguments(DecoratorMember m) => string.Join(", ", m.Parameters.Select(SignatureText.Argument));
}
