using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Benchmarks.Infrastructure;

/// <summary>
/// Answers 200 to every request after reading its body into nothing, without a socket: an OTLP
/// exporter given this handler costs its serialization and the HttpClient pipeline, not a send.
/// </summary>
internal sealed class DiscardingHttpHandler : HttpMessageHandler
{
    public long BodyBytes { get; private set; }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            using var body = content.ReadAsStream(cancellationToken);
            BodyBytes += Drain(body);
        }

        return new HttpResponseMessage(HttpStatusCode.OK);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            BodyBytes += bytes.Length;
        }

        return new HttpResponseMessage(HttpStatusCode.OK);
    }

    private static long Drain(Stream body)
    {
        var buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = body.Read(buffer, 0, buffer.Length)) > 0) total += read;
        return total;
    }
}
