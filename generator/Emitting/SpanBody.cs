using System;
using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;

namespace Instrumentation.Generator.Emitting;

/// <summary>
/// The body that wraps one call of a traced method in a span, shared by interceptors and interface
/// decorators: start (with the carrier, if any), parameter tags, the call, and the end of the span
/// when the call returns or, for a task, when the task completes; exceptions are recorded unchanged.
/// </summary>
internal static class SpanBody
{
    /// <summary>The local names a body uses, chosen so no parameter of the target is shadowed (a parameter may be called "span" or "e").</summary>
    internal sealed record Names(string Receiver, string Span, string Error, string Result);

    public static Names NamesFor(TargetMethod m, string receiver)
    {
        // Nor a type parameter's name (the method's, or its type's, which the interceptor declares too): CS0412.
        var taken = new HashSet<string>(m.Parameters.Select(p => p.Name.TrimStart('@')).Concat(m.TypeParameters.Select(t => t.Name.TrimStart('@'))));
        string Fresh(string wanted) => taken.Contains(wanted.TrimStart('@')) ? Fresh(wanted + "_") : wanted;
        return new Names(Fresh(receiver), Fresh("span"), Fresh("e"), Fresh("result"));
    }

    /// <summary>The call of the target, on <paramref name="receiver"/> for an instance method, else on its type.</summary>
    public static string Call(TargetMethod m, string receiver)
    {
        var typeArguments = SignatureText.TypeParameterList(m.TypeParameters.Skip(m.TypeParameters.Count - m.MethodArity));
        var on = m.Receiver == ReceiverKind.None ? m.ContainingType : receiver;
        return $"{on}.{Parsing.SymbolNames.Identifier(m.MethodName)}{typeArguments}({string.Join(", ", m.Parameters.Select(SignatureText.Argument))})";
    }

    public static void Emit(SourceWriter w, TargetMethod m, string descriptor, string call, Names names)
    {
        var span = names.Span;
        if (m.Shape is ReturnShape.Enumerable or ReturnShape.AsyncEnumerable)
        {
            // The iterator's own code runs on enumeration: the span starts at the first MoveNext, and is tagged then
            // with the values the parameters had at the call.
            w.Line($"return global::Instrumentation.TracedCall.TraceEnumeration({descriptor}, {call}{MaybeNull(m)}{EnumerationTags(m)});");
            return;
        }

        // '!': a carrier with nullable values (Dictionary<string, string?>) converts with a nullability warning (CS8620); null values are read as absent.
        var start = m.Carrier switch
        {
            CarrierMode.Extract => $"StartConsumer({m.CarrierParameter}!)",
            CarrierMode.Inject => $"StartProducer({m.CarrierParameter}!)",
            _ => "Start()",
        };
        w.Line($"var {span} = {descriptor}.{start};");
        var isAsync = m.Shape is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT;
        if (isAsync) w.Line($"if ({span} is null) return {call};");
        EmitParameterTags(w, m, isAsync, span, outParameters: false);
        // [Tag] out parameters have their values once the call returns (a sync method's only: async methods have none).
        var taggedOut = m.Parameters.Any(p => p.TagName is not null && p.Ref == RefMode.Out);

        w.Open("try");
        if (isAsync)
        {
            var returnTag = m.ReturnTagName is null ? string.Empty : ", " + InterceptorEmitter.Literal(m.ReturnTagName) + (m.ReturnTagAsText ? ", asText: true" : string.Empty);
            w.Line($"return global::Instrumentation.TracedCall.EndOnCompletion({span}, {call}{MaybeNull(m)}{returnTag});");
        }
        else if (m.Shape == ReturnShape.Void)
        {
            w.Line(call + ";");
            if (taggedOut) EmitParameterTags(w, m, spanKnownNotNull: false, span, outParameters: true);
        }
        else if (taggedOut)
        {
            var local = m.ReturnRef switch
            {
                RefMode.Ref => $"ref var {names.Result} = ref ",
                RefMode.RefReadOnly => $"ref readonly var {names.Result} = ref ",
                _ => $"var {names.Result} = ",
            };
            w.Line(local + (m.ReturnTagName is null ? call : TaggedResult(m, span, call)) + ";");
            EmitParameterTags(w, m, spanKnownNotNull: false, span, outParameters: true);
            w.Line($"return {SignatureText.ReturnCall(m.ReturnRef)}{names.Result};");
        }
        else if (m.ReturnTagName is not null)
        {
            w.Line($"return {TaggedResult(m, span, call)};");
        }
        else
        {
            w.Line($"return {SignatureText.ReturnCall(m.ReturnRef)}{call};");
        }

        w.Close();
        var fail = isAsync ? "FailAndEnd" : "Fail";
        w.Open($"catch (global::System.Exception {names.Error}) when (global::Instrumentation.TracedCall.{fail}({span}, {names.Error}))")
            .Line("throw;")
            .Close();
        if (!isAsync)
        {
            w.Open("finally")
                .Line($"global::Instrumentation.TracedCall.End({span});")
                .Close();
        }
    }

    /// <summary>The call, its result tagged as the return value when the span is recorded.</summary>
    private static string TaggedResult(TargetMethod m, string span, string call) =>
        $"global::Instrumentation.TracedCall.Tag({span}, {InterceptorEmitter.Literal(m.ReturnTagName!)}, {call}{(m.ReturnTagAsText ? ", asText: true" : string.Empty)})";

    /// <summary>
    /// '!' after a call whose result may be null by its type (<c>Task&lt;int&gt;?</c>) or its return attributes
    /// (<c>[return: MaybeNull] Task&lt;string&gt;</c>): the runtime helpers take a non-null task or sequence
    /// (CS8604), and given a null task end the span at once and hand the null back.
    /// </summary>
    private static string MaybeNull(TargetMethod m) =>
        m.ReturnType.EndsWith("?", StringComparison.Ordinal) ||
        m.ReturnAttributes.Any(a => a.Type.EndsWith(".MaybeNullAttribute", StringComparison.Ordinal) || a.Type.EndsWith(".NotNullIfNotNullAttribute", StringComparison.Ordinal)) ? "!" : string.Empty;

    /// <param name="outParameters">The out parameters (after the call), else the others (before it).</param>
    private static void EmitParameterTags(SourceWriter w, TargetMethod m, bool spanKnownNotNull, string span, bool outParameters)
    {
        var tagged = m.Parameters.Where(p => p.TagName is not null && (p.Ref == RefMode.Out) == outParameters).ToList();
        if (tagged.Count == 0) return;
        w.Open(spanKnownNotNull ? $"if ({span}.IsAllDataRequested)" : $"if ({span} is {{ IsAllDataRequested: true }})");
        foreach (var p in tagged)
        {
            w.Line($"{span}.SetTag({InterceptorEmitter.Literal(p.TagName!)}, {(p.TagAsText ? TagText(p) : p.Name)});");
        }

        w.Close();
    }

    /// <summary>The iterator's tagged parameters as an array argument, or empty (iterators have no out or ref struct parameters).</summary>
    private static string EnumerationTags(TargetMethod m)
    {
        var tagged = m.Parameters.Where(p => p.TagName is not null).ToList();
        if (tagged.Count == 0) return string.Empty;
        const string Tag = "global::System.Collections.Generic.KeyValuePair<string, object?>";
        var tags = tagged.Select(p => $"new({InterceptorEmitter.Literal(p.TagName!)}, {(p.TagAsText ? TagText(p) : p.Name)})");
        return $", new {Tag}[] {{ {string.Join(", ", tags)} }}";
    }

    /// <summary>
    /// The tag text, through a helper that turns a throwing <c>ToString()</c> into a text saying so (inline, it
    /// failed the call before its body ran and left the span open); ref structs cannot be boxed into it, and
    /// their text is their own.
    /// </summary>
    private static string TagText(ParameterModel p) => p.IsRefLike ? $"{p.Name}.ToString()" : $"global::Instrumentation.TracedCall.TagText({p.Name})";
}
