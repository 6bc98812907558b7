using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Instrumentation.Diagnostics;

namespace Instrumentation.Senders;

/// <summary>
/// POSTs binary-Thrift batches to a Jaeger collector (<c>Content-Type: application/x-thrift</c>),
/// with basic or bearer auth. Runs on the reporter thread, so blocking on the response is fine.
/// </summary>
internal sealed class HttpTransport : IPacketTransport
{
    private readonly HttpClient client;
    private readonly Uri endpoint;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly RateLimitedLog log;

    public HttpTransport(SenderConfiguration config, RateLimitedLog log)
    {
        endpoint = config.Endpoint!;
        this.log = log;
        // A collector on this machine is reached directly, as Go's ProxyFromEnvironment (jaeger-client-go)
        // reaches it; .NET would send even a loopback request through HTTP_PROXY.
        client = new HttpClient(new HttpClientHandler { UseProxy = !endpoint.IsLoopback }) { Timeout = config.HttpTimeout };
        if (!string.IsNullOrEmpty(config.AuthToken))
        {
            authorization = new AuthenticationHeaderValue("Bearer", config.AuthToken);
        }
        else if (config.User is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.User}:{config.Password}"));
            authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    public bool TrySend(byte[] buffer, int offset, int count)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ByteArrayContent(buffer, offset, count),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-thrift");
            request.Headers.Authorization = authorization;
#if NET5_0_OR_GREATER
            using var response = client.Send(request);
#else
            using var response = client.SendAsync(request).ConfigureAwait(false).GetAwaiter().GetResult();
#endif
            if (response.IsSuccessStatusCode) return true;
            log.Error(null, $"the collector at {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase} to a {count}-byte batch");
            return false;
        }
        catch (Exception e)
        {
            log.Error(e, $"posting a {count}-byte batch to {endpoint} failed");
            return false;
        }
    }

    public void Dispose() => client.Dispose();
}
