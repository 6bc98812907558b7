using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Thrift.Protocol;
using Thrift.Protocol.Entities;

namespace ThriftDecoding;

/// <summary>
/// Reads any Thrift struct into a generic tree with ApacheThrift's own protocol implementation:
/// structs become field-id dictionaries, lists become lists, scalars their .NET values (binary as
/// byte[]). One reader for the greeter sample's waterfall and for the tests, which judge the bytes
/// our writers produce with it; it lives beside the sample, so the sample never depends on test
/// code, and it knows nothing of the product (an independent decoder).
/// </summary>
public static class ThriftTree
{
    public static async Task<Dictionary<short, object>> ReadStructAsync(TProtocol protocol)
    {
        var fields = new Dictionary<short, object>();
        await protocol.ReadStructBeginAsync(CancellationToken.None);
        while (true)
        {
            var field = await protocol.ReadFieldBeginAsync(CancellationToken.None);
            if (field.Type == TType.Stop) break;
            fields[field.ID] = await ReadAsync(protocol, field.Type);
            await protocol.ReadFieldEndAsync(CancellationToken.None);
        }

        await protocol.ReadStructEndAsync(CancellationToken.None);
        return fields;
    }

    private static async Task<object> ReadAsync(TProtocol protocol, TType type)
    {
        switch (type)
        {
            case TType.Bool: return await protocol.ReadBoolAsync(CancellationToken.None);
            case TType.Byte: return await protocol.ReadByteAsync(CancellationToken.None);
            case TType.I16: return await protocol.ReadI16Async(CancellationToken.None);
            case TType.I32: return await protocol.ReadI32Async(CancellationToken.None);
            case TType.I64: return await protocol.ReadI64Async(CancellationToken.None);
            case TType.Double: return await protocol.ReadDoubleAsync(CancellationToken.None);
            case TType.String: return await protocol.ReadBinaryAsync(CancellationToken.None);
            case TType.Struct: return await ReadStructAsync(protocol);
            case TType.List:
            {
                var list = await protocol.ReadListBeginAsync(CancellationToken.None);
                var items = new List<object>(list.Count);
                for (var i = 0; i < list.Count; i++) items.Add(await ReadAsync(protocol, list.ElementType));
                await protocol.ReadListEndAsync(CancellationToken.None);
                return items;
            }
            default: throw new TProtocolException($"unexpected Thrift type {type} in a Jaeger batch");
        }
    }
}
