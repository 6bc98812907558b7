using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Turns a traced method symbol into the plain <see cref="TargetMethod"/> the emitter needs.</summary>
internal static class TargetMethodBuilder
{
    public static TargetMethod Build(IMethodSymbol called, AttributeData traced, bool attributeOnMethod, Compilation compilation, bool viaAccessor = false)
    {
        var method = TracedSymbols.Definition(called);
        var receiver = ReceiverOf(method);
        var returnShape = ShapeOf(method, compilation);
        var returnTag = ReturnTag(method);
        var location = method.Locations.FirstOrDefault(l => l.IsInSource);
        var code = CodeLocation.Of(location, compilation);
        var kind = TracedSymbols.NamedArgument(traced, "Kind") is int k ? k : 0;
        var (carrier, carrierParameter) = CarrierParameters.Resolve(method, kind, compilation);

        return new TargetMethod(
            Key: method.GetDocumentationCommentId() ?? method.ToDisplayString(),
            OperationName: OperationName(method, traced, attributeOnMethod),
            Kind: kind,
            MethodName: method.Name,
            TypeParameters: SignatureBuilder.TypeParameters(ContainingTypeParameters(method.ContainingType).Concat(method.TypeParameters), compilation),
            MethodArity: method.TypeParameters.Length,
            Receiver: receiver,
            ContainingType: SymbolNames.Type(method.ContainingType),
            ReturnType: SignatureBuilder.ReturnType(method),
            ReturnRef: SignatureBuilder.ReturnRef(method.RefKind),
            Shape: returnShape,
            Parameters: method.Parameters.Select((p, i) => Parameter(p, i == 0 && method.IsExtensionMethod, compilation)).ToEquatableArray(),
            ReturnTagName: returnTag,
            FunctionName: method.ContainingType.ToDisplayString() + "." + method.Name,
            FilePath: code?.Path,
            LineNumber: code?.Line ?? 0,
            ReturnAttributes: FlowAttributes.OfReturn(method, compilation),
            ViaAccessor: viaAccessor,
            ReturnTagAsText: returnTag is not null && !TagTypes.IsSimple(TagTypes.ResultType(method.ReturnType)),
            Carrier: carrier,
            CarrierParameter: carrierParameter,
            // Only a member a decorator implements (abstract or virtual): a sealed one runs its own body and never consumes the mark.
            MarksReceiver: receiver == ReceiverKind.Value && method.ContainingType.TypeKind == TypeKind.Interface && (method.IsAbstract || method.IsVirtual),
            MethodAttributes: FlowAttributes.OfMethod(method, compilation).Concat(FlowAttributes.OfContainingTypes(method, compilation)).ToEquatableArray(),
            DiagnosticIds: SuppressedIds.Sorted(SuppressedIds.Of(method)).ToEquatableArray(),
            ConditionalSymbols: ConditionalSymbols(method));
    }

    /// <summary>
    /// The symbols of the method's <c>[Conditional]</c> attributes (an override's are its base's): the
    /// interceptor's own call of the method would be left out where they are not defined.
    /// </summary>
    private static EquatableArray<string> ConditionalSymbols(IMethodSymbol method)
    {
        var symbols = new SortedSet<string>(System.StringComparer.Ordinal);
        for (var m = method; m is not null; m = m.OverriddenMethod)
        {
            foreach (var attribute in m.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == "System.Diagnostics.ConditionalAttribute" && attribute.ConstructorArguments is [{ Value: string symbol }])
                    symbols.Add(symbol);
            }
        }

        return symbols.ToEquatableArray();
    }

    private static IEnumerable<ITypeParameterSymbol> ContainingTypeParameters(INamedTypeSymbol? type)
    {
        if (type is null) return [];
        return ContainingTypeParameters(type.ContainingType).Concat(type.TypeParameters);
    }

    private static ReceiverKind ReceiverOf(IMethodSymbol method)
    {
        if (method.IsStatic) return ReceiverKind.None;
        if (!method.ContainingType.IsValueType) return ReceiverKind.Value;
        return method.IsReadOnly || method.ContainingType.IsReadOnly ? ReceiverKind.In : ReceiverKind.Ref;
    }

    internal static ReturnShape ShapeOf(IMethodSymbol method, Compilation compilation)
    {
        if (method.ReturnsVoid) return ReturnShape.Void;
        if (method.RefKind != RefKind.None || method.ReturnType is not INamedTypeSymbol returned) return ReturnShape.Value;
        // Task? too: the span ends when the task completes, or at once when there is no task (TracedCall.EndOnCompletion).
        var definition = returned.OriginalDefinition;
        bool Is(string metadataName) => SymbolEqualityComparer.Default.Equals(definition, compilation.GetTypeByMetadataName(metadataName));
        if (Is("System.Threading.Tasks.Task")) return ReturnShape.Task;
        if (Is("System.Threading.Tasks.Task`1")) return ReturnShape.TaskOfT;
        if (Is("System.Threading.Tasks.ValueTask")) return ReturnShape.ValueTask;
        if (Is("System.Threading.Tasks.ValueTask`1")) return ReturnShape.ValueTaskOfT;
        if (IteratorDetector.IsIterator(method))
        {
            if (Is("System.Collections.Generic.IEnumerable`1")) return ReturnShape.Enumerable;
            if (Is("System.Collections.Generic.IAsyncEnumerable`1")) return ReturnShape.AsyncEnumerable;
        }

        return ReturnShape.Value;
    }

    private static string OperationName(IMethodSymbol method, AttributeData traced, bool attributeOnMethod)
    {
        var explicitName = traced.ConstructorArguments.Length == 1 ? traced.ConstructorArguments[0].Value as string : null;
        return !string.IsNullOrEmpty(explicitName) && attributeOnMethod ? explicitName! : method.ContainingType.Name + "." + method.Name;
    }

    private static ParameterModel Parameter(IParameterSymbol parameter, bool isExtensionThis, Compilation compilation)
    {
        var tag = TracedSymbols.Get(parameter, TracedSymbols.TagAttributeName);
        return SignatureBuilder.Parameter(parameter, compilation) with
        {
            IsThis = isExtensionThis,
            TagName = TagName(parameter),
            TagAsText = tag is not null && !TagTypes.IsSimple(parameter.Type),
        };
    }

    private static string? TagName(IParameterSymbol parameter)
    {
        var tag = TracedSymbols.Get(parameter, TracedSymbols.TagAttributeName);
        if (tag is null || !TagTypes.IsTaggable(parameter.Type, tag) || TagTypes.MayBeRefStruct(parameter.Type)) return null;
        return TagTypes.TagName(tag, parameter.Name);
    }

    private static string? ReturnTag(IMethodSymbol method)
    {
        var tag = TracedSymbols.Find(method.GetReturnTypeAttributes(), TracedSymbols.TagAttributeName);
        // No value (a Task's EndOnCompletion has no tagging overload: CS0411), a ref return, or a ref struct (TracedCall.Tag<T> cannot take one: CS9244): TRC018.
        if (tag is null || TagTypes.WhyNoResult(method) is not null || !TagTypes.IsTaggable(TagTypes.ResultType(method.ReturnType), tag)) return null;
        return TagTypes.TagName(tag, "return");
    }
}
