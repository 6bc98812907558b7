using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Instrumentation.Diagnostics;

namespace Instrumentation.Senders;

/// <summary>
/// POSTs binary-Thrift batches to a Jaeger collector (<c>Content-Type: application/x-thrift</c>),
/// with basic or bearer auth. Runs on the reporter thread, so blocking on the response is fine.
/// User information in the endpoint (<c>http://user:password@host/...</c>) is used for basic auth
/// when no user or token is configured, as Go's HTTP client uses it; it is never sent in the URL
/// and never logged.
/// </summary>
internal sealed class HttpTransport : IPacketTransport
{
    private readonly HttpClient client;
    private readonly Uri endpoint;
    private readonly string endpointText;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly RateLimitedLog log;
    // Cancelled by Dispose: a close that gave up aborts the request under way, and no later one starts.
    private readonly System.Threading.CancellationTokenSource closing = new();

    public HttpTransport(SenderConfiguration config, RateLimitedLog log)
    {
        var configured = config.Endpoint!;
        endpoint = WithoutUserInfo(configured);
        endpointText = endpoint.ToString();
        this.log = log;
        // A collector on this machine is reached directly, as Go's ProxyFromEnvironment (jaeger-client-go)
        // reaches it; .NET would send even a loopback request through HTTP_PROXY.
        client = new HttpClient(UntracedHttpHandler.Create(useProxy: !endpoint.IsLoopback, followRedirects: false)) { Timeout = StopwatchTime.Timeout(config.HttpTimeout) };
        if (!string.IsNullOrEmpty(config.AuthToken))
        {
            authorization = new AuthenticationHeaderValue("Bearer", config.AuthToken);
        }
        else if (config.User is not null)
        {
            authorization = Basic(config.User, config.Password);
        }
        else if (configured.UserInfo.Length > 0)
        {
            var colon = configured.UserInfo.IndexOf(':');
            var user = colon < 0 ? configured.UserInfo : configured.UserInfo.Substring(0, colon);
            var password = colon < 0 ? string.Empty : configured.UserInfo.Substring(colon + 1);
            authorization = Basic(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }
    }

    private static AuthenticationHeaderValue Basic(string user, string? password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Uri WithoutUserInfo(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;

    public bool ConfirmsLater => false;

    public bool LastSendRefused() => false;

    public bool TrySend(byte[] buffer, int offset, int count)
    {
        if (closing.IsCancellationRequested) return false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ByteArrayContent(buffer, offset, count),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-thrift");
            request.Headers.Authorization = authorization;
#if NET5_0_OR_GREATER
            using var response = client.Send(request, closing.Token);
#else
            using var response = client.SendAsync(request, closing.Token).ConfigureAwait(false).GetAwaiter().GetResult();
#endif
            if (response.IsSuccessStatusCode) return true;
            log.Error(null, $"the collector at {endpointText} answered {(int)response.StatusCode} {response.ReasonPhrase} to a {count}-byte batch");
            return false;
        }
        catch (Exception e)
        {
            if (closing.IsCancellationRequested) return false; // the tracer closed while this request was under way
            log.Error(e, $"posting a {count}-byte batch to {endpointText} failed");
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed twice: by a close that gave up, then by the reporter thread.
        }

        client.Dispose();
    }
}
