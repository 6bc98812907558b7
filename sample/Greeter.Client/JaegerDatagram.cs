using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Thrift;
using Thrift.Protocol;
using Thrift.Transport.Client;
using ThriftDecoding;

namespace Greeter.Client;

/// <summary>
/// Decodes an agent datagram (<c>Agent.emitBatch(Batch)</c>, Thrift compact) with ApacheThrift.
/// Structs are read generically as field-id maps (<see cref="ThriftTree"/>), then the few fields the waterfall needs are picked
/// by their ids in jaeger.thrift (Batch{1 process, 2 spans}, Span{1..11}, Tag{1 key .. 7 binary},
/// Log{1 timestamp, 2 fields}).
/// </summary>
public static class JaegerDatagram
{
    public static async Task<List<ReceivedSpan>> DecodeAsync(byte[] datagram)
    {
        using var transport = new TMemoryBufferTransport(datagram, new TConfiguration());
        using var protocol = new TCompactProtocol(transport);
        await protocol.ReadMessageBeginAsync(CancellationToken.None); // emitBatch, oneway
        var args = await ThriftTree.ReadStructAsync(protocol);
        var batch = (Dictionary<short, object>)args[1];
        var service = Text(((Dictionary<short, object>)batch[1])[1]);
        return Structs(batch, 2).Select(span => new ReceivedSpan(
            service,
            Hex((long)span[2]) + Hex((long)span[1]), // high, low
            Hex((long)span[3]),
            Hex((long)span[4]),
            Text(span[5]),
            (long)span[8],
            (long)span[9],
            Structs(span, 10).ToDictionary(tag => Text(tag[1]), TagText),
            Structs(span, 11).Select(log => new ReceivedLog(
                (long)log[1],
                Structs(log, 2).GroupBy(field => Text(field[1])).ToDictionary(g => g.Key, g => TagText(g.First())))).ToList())).ToList();
    }

    private static string Hex(long id) => id.ToString("x16", CultureInfo.InvariantCulture);

    private static string Text(object bytes) => Encoding.UTF8.GetString((byte[])bytes);

    private static string TagText(Dictionary<short, object> tag) => (int)tag[2] switch
    {
        0 => Text(tag[3]),
        1 => ((double)tag[4]).ToString(CultureInfo.InvariantCulture),
        2 => (bool)tag[5] ? "true" : "false",
        3 => ((long)tag[6]).ToString(CultureInfo.InvariantCulture),
        _ => "(binary)",
    };

    private static IEnumerable<Dictionary<short, object>> Structs(Dictionary<short, object> fields, short id) =>
        fields.TryGetValue(id, out var list) ? ((List<object>)list).Cast<Dictionary<short, object>>() : [];
}
