namespace Instrumentation.Thrift;

/// <summary>Thrift's abstract field types; each protocol maps them to its own type codes.</summary>
internal enum ThriftType
{
    Bool,
    I32,
    I64,
    Double,
    String,
    Struct,
    List,
}
