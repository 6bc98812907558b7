using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Instrumentation.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generator.Parsing;

/// <summary>Turns a traced method symbol into the plain <see cref="TargetMethod"/> the emitter needs.</summary>
internal static class TargetMethodBuilder
{
    public static TargetMethod Build(IMethodSymbol called, AttributeData traced, bool attributeOnMethod, Compilation compilation, bool viaAccessor = false)
    {
        var method = TracedSymbols.Definition(called);
        var typeParameters = ContainingTypeParameters(method.ContainingType).Concat(method.TypeParameters).ToList();
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
            InterceptorName: method.Name,
            TypeParameters: typeParameters.Count == 0 ? string.Empty : "<" + string.Join(", ", typeParameters.Select(t => SymbolNames.Identifier(t.Name))) + ">",
            Constraints: Constraints(typeParameters),
            Receiver: receiver,
            ReceiverType: receiver == ReceiverKind.None ? string.Empty : SymbolNames.Type(method.ContainingType),
            CallTarget: CallTarget(method, receiver),
            ReturnType: method.ReturnsVoid ? "void" : SymbolNames.Type(method.ReturnType),
            ReturnModifier: method.RefKind switch { RefKind.Ref => "ref ", RefKind.RefReadOnly => "ref readonly ", _ => string.Empty },
            Shape: returnShape,
            Parameters: method.Parameters.Select((p, i) => Parameter(p, i == 0 && method.IsExtensionMethod, compilation)).ToEquatableArray(),
            ReturnTagName: returnTag,
            FunctionName: method.ContainingType.ToDisplayString() + "." + method.Name,
            FilePath: code?.Path,
            LineNumber: code?.Line ?? 0,
            ReturnAttributes: FlowAttributes.OfReturn(method, compilation),
            AccessorOf: viaAccessor ? SymbolNames.Type(method.ContainingType) : null,
            ReturnTagAsText: returnTag is not null && !TagTypes.IsSimple(TagTypes.ResultType(method.ReturnType)),
            Carrier: carrier,
            CarrierParameter: carrierParameter,
            // Only a member a decorator implements (abstract or virtual): a sealed one runs its own body and never consumes the mark.
            MarksReceiver: receiver == ReceiverKind.Value && method.ContainingType.TypeKind == TypeKind.Interface && (method.IsAbstract || method.IsVirtual),
            MethodAttributes: FlowAttributes.OfMethod(method, compilation) + FlowAttributes.OfContainingTypes(method, compilation),
            DiagnosticIds: SuppressedIds.Sorted(SuppressedIds.Of(method)).ToEquatableArray());
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

    private static string CallTarget(IMethodSymbol method, ReceiverKind receiver)
    {
        var typeArguments = method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => SymbolNames.Identifier(t.Name))) + ">";
        var name = SymbolNames.Identifier(method.Name) + typeArguments;
        return receiver == ReceiverKind.None ? SymbolNames.Type(method.ContainingType) + "." + name : "@this." + name;
    }

    internal static ReturnShape ShapeOf(IMethodSymbol method, Compilation compilation)
    {
        if (method.ReturnsVoid) return ReturnShape.Void;
        if (method.RefKind != RefKind.None || method.ReturnType is not INamedTypeSymbol returned) return ReturnShape.Value;
        if (returned.NullableAnnotation == NullableAnnotation.Annotated) return ReturnShape.Value; // Task?: may be null, so not awaited through
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
        var modifier = SymbolNames.ParameterModifier(parameter);
        if (isExtensionThis) modifier = ("this " + modifier).Trim();
        var tag = TracedSymbols.Get(parameter, TracedSymbols.TagAttributeName);
        return new ParameterModel(SymbolNames.Identifier(parameter.Name), SymbolNames.Type(parameter.Type), modifier, parameter.IsParams,
            TagName(parameter), tag is not null && !TagTypes.IsSimple(parameter.Type), parameter.Type.IsRefLikeType, FlowAttributes.Of(parameter, compilation));
    }

    private static string? TagName(IParameterSymbol parameter)
    {
        var tag = TracedSymbols.Get(parameter, TracedSymbols.TagAttributeName);
        if (tag is null || !TagTypes.IsTaggable(parameter.Type, tag) || TagTypes.MayBeRefStruct(parameter.Type)) return null;
        return tag.ConstructorArguments.Length == 1 && tag.ConstructorArguments[0].Value is string name ? name : parameter.Name;
    }

    private static string? ReturnTag(IMethodSymbol method)
    {
        var tag = TracedSymbols.Find(method.GetReturnTypeAttributes(), TracedSymbols.TagAttributeName);
        if (tag is null || method.RefKind != RefKind.None || !TagTypes.IsTaggable(TagTypes.ResultType(method.ReturnType), tag) || TagTypes.MayBeRefStruct(method.ReturnType) || method.ReturnType.IsRefLikeType) return null; // TracedCall.Tag<T> cannot take a ref struct (CS9244)
        return tag.ConstructorArguments.Length == 1 && tag.ConstructorArguments[0].Value is string name ? name : "return";
    }

    internal static string Constraints(IEnumerable<ITypeParameterSymbol> typeParameters)
    {
        var text = new StringBuilder();
        foreach (var t in typeParameters)
        {
            var parts = new List<string>();
            if (t.HasReferenceTypeConstraint) parts.Add(t.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            if (t.HasUnmanagedTypeConstraint) parts.Add("unmanaged");
            else if (t.HasValueTypeConstraint) parts.Add("struct");
            if (t.HasNotNullConstraint) parts.Add("notnull");
            parts.AddRange(t.ConstraintTypes.Select(SymbolNames.Type));
            if (t.HasConstructorConstraint && !t.HasValueTypeConstraint) parts.Add("new()");
            if (t.AllowsRefLikeType) parts.Add("allows ref struct");
            if (parts.Count > 0) text.Append(" where ").Append(SymbolNames.Identifier(t.Name)).Append(" : ").Append(string.Join(", ", parts));
        }

        return text.ToString();
    }
}
