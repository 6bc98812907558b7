namespace Instrumentation.Generator.Diagnostics;

/// <summary>
/// The "why" fragments that TRC011 and TRC016 put in their messages ({1}), in one place so their
/// wording stays consistent and docs/diagnostics.md can be checked against a single list.
/// The parsers decide which applies; the texts live here.
/// </summary>
internal static class DiagnosticReasons
{
    /// <summary>TRC011: why no interceptor signature can express the call. Also the tail of <see cref="Decorator.CannotForward"/>.</summary>
    public static class Shape
    {
        public const string Arglist = "it uses __arglist";

        public const string PointerTypes = "its signature has pointer types";

        public const string ReusedTypeParameterNames = "its type parameters reuse the names of its containing type's type parameters (rename them)";

        /// <summary>Legal in the method (the parameter hides the type's type parameter), not in an interceptor, which declares both (CS0412).</summary>
        public static string ParameterNamedLikeTypeParameter(string parameter) =>
            $"its parameter '{parameter}' has the name of a type parameter of its containing type, which the interceptor declares too (rename the parameter)";

        /// <summary>Generated code names every type <c>global::...</c> (CS0400 for an aliased assembly's).</summary>
        public static string ExternAlias(string type, string assembly, string alias) =>
            $"type '{type}' comes from assembly '{assembly}', referenced only under the extern alias '{alias}', which generated code cannot name (add 'global' to the reference's Aliases)";

        /// <summary>An override's constraint after its base type's arguments are substituted (CS0701, CS0702).</summary>
        public static string UnwritableConstraint(string typeParameter, string constraint) =>
            $"its type parameter '{typeParameter}' inherits the constraint '{constraint}' from the member it overrides, which no declaration can repeat (call it through the base type)";

        public const string ParenthesizedCall = "the method is called through parentheses, as in '(x.M)(...)', where no interceptor can reach it (remove the parentheses)";

        public const string DynamicCall = "it is a dynamic call, bound only at run time (cast the receiver or arguments to their static types)";

        /// <param name="what">An <see cref="Obsolete"/> subject.</param>
        public static string ErrorObsolete(string what) => $"{what}, which generated code (not in an [Obsolete] context) cannot use (CS0619)";

        public static string StructReceiver(string typeParameter) =>
            $"its receiver has type parameter type '{typeParameter}', which may be a struct the interceptor would copy (a 'class' constraint on '{typeParameter}' allows tracing)";

        /// <param name="modifier"><c>in</c> or <c>ref readonly</c>.</param>
        public static string RequiredModifier(string modifier, string parameter) =>
            $"its '{modifier}' parameter '{parameter}' of a virtual or interface member has a signature modifier no interceptor can repeat (make it a by-value parameter, or for an interface the DI decorator traces calls made through it)";
    }

    /// <summary>TRC012: why [Traced] on a member that is not an ordinary method does nothing, and what to do.</summary>
    public static class NotAMethodCall
    {
        public const string NotCalledByName =
            "only ordinary methods are called by name and can be intercepted. Move the work into a method marked [Traced], or put 'using var span = Tracing.Block();' inside it";

        public static string ExplicitImplementation(string member) =>
            $"an explicit interface implementation is called only through its interface. Put [Traced] on '{member}', which traces those calls, or 'using var span = Tracing.Block();' inside it";
    }

    /// <summary>TRC018: why a [Tag] records nothing.</summary>
    public static class Tag
    {
        public const string NoResult = "the method returns no value (void, Task or ValueTask)";

        public const string RefReturn = "a ref return is not tagged (tag a by-value copy inside the method, or return by value)";

        public const string RefStructResult = "a ref struct value cannot be kept for the span (tag a by-value copy inside the method)";

        /// <summary>A type parameter with 'allows ref struct': generated code cannot box it, nor call its ToString() without knowing which it is.</summary>
        public static string MayBeRefStruct(string typeParameter) =>
            $"its type '{typeParameter}' may be a ref struct ('allows ref struct'), which cannot be kept for the span (tag a by-value copy inside the method)";

        public static string SameName(string name, string other) =>
            $"'{other}' has the tag name '{name}' too, and only one value per name is kept (give them different names)";
    }

    /// <summary>TRC016: why no decorator can be generated for a [Traced] interface.</summary>
    public static class Decorator
    {
        public static string Inaccessible(string type) => $"type '{type}' is not accessible to generated code in this assembly (make it internal or public)";

        public static string NestedInGenericType(string outer) =>
            $"it is nested in generic type '{outer}', whose type parameters a decorator cannot name (move the interface out of the generic type)";

        /// <param name="what">An <see cref="Obsolete"/> subject.</param>
        public static string ErrorObsolete(string what) => $"{what}, which the decorator (not in an [Obsolete] context) cannot use";

        public static string TypeParameterNamedLikeMember(string typeParameter) =>
            $"its type parameter '{typeParameter}' has the name of a member of the decorator class (rename it)";

        public static string SameSignatureAfterSubstitution(string iface, string member) =>
            $"'{iface}' has two members with the signature '{member}' once its type arguments are substituted, which a decorator cannot implement separately";

        public static string StaticAbstract(string member) => $"it has static abstract member '{member}', which a decorator cannot forward";

        public static string Protected(string member) =>
            $"member '{member}' is protected, so a decorator cannot call it on the inner instance (make it public or internal)";

        /// <param name="shape">A <see cref="Shape"/> reason.</param>
        public static string CannotForward(string member, string shape) => $"'{member}' cannot be forwarded: {shape}";

        public static string MethodTypeParameterNamedLikeInterfaces(string method, string typeParameter) =>
            $"'{method}' has a type parameter named '{typeParameter}' like one of the interface's (rename one of them)";

        public static string Unnameable(string member, string type) => $"'{member}' uses type '{type}', which generated code cannot name";

        public static string InitAccessor(string property) => $"property '{property}' has an init accessor, which a decorator cannot forward";
    }

    /// <summary>What is marked <c>[Obsolete(..., true)]</c>: the subject of both rules' ErrorObsolete reasons.</summary>
    public static class Obsolete
    {
        public static string Type(string type) => $"type '{type}' is marked [Obsolete] as an error";

        public static string Symbol(string symbol) => $"'{symbol}' is marked [Obsolete] as an error";
    }
}
