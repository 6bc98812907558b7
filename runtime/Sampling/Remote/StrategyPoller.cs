using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Diagnostics;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// Asks the sampling endpoint for this service's strategy at start and then every refresh
/// interval, on the thread pool (a root span never waits for it). A new answer is parsed and put
/// in force; the same answer again keeps the strategy in force (its rate limiters keep their
/// credit); a failure (down, slow, not 200, not a strategy) keeps the last good strategy, is
/// counted, and logged at most once per error-log interval. Nothing here throws.
/// </summary>
internal sealed class StrategyPoller : IDisposable
{
    private readonly RemoteSampler sampler;
    private readonly Uri url;
    private readonly int maxOperations;
    private readonly RateLimitedLog log;
    private readonly Action failed;
    private readonly HttpClient client;
    private readonly Timer timer;
    private readonly CancellationTokenSource stopping = new();
    private readonly string shown;

    /// <summary>The largest answer read; per-operation strategies for a few thousand operations fit.</summary>
    private const int MaxAnswerBytes = 1 << 20;
    private string? lastAnswer;
    private int polling;

    public StrategyPoller(RemoteSampler sampler, Uri endpoint, string serviceName, TimeSpan refreshInterval, int maxOperations, RateLimitedLog log, Action failed)
    {
        this.sampler = sampler;
        this.maxOperations = maxOperations;
        this.log = log;
        this.failed = failed;
        url = WithService(endpoint, serviceName);
        shown = Redaction.UserInfo(url.OriginalString);
        // A sampling answer is a few hundred bytes: a slow endpoint is a failed poll, not a stuck one,
        // and a huge answer a refused one.
        // An endpoint on this machine (the agent's default) is reached directly, as the HTTP sender reaches a
        // loopback collector: .NET would send even a loopback request through HTTP_PROXY.
        client = new HttpClient(Senders.UntracedHttpHandler.Create(useProxy: !url.IsLoopback))
        {
            Timeout = TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, refreshInterval.TotalSeconds / 2))),
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
        // Not the creating thread's context: its current span must not become the polls' parent.
        using (ExecutionContext.SuppressFlow()) timer = new Timer(_ => Poll(), null, TimeSpan.Zero, refreshInterval);
    }

    private void Poll()
    {
        // One poll at a time: a slow endpoint must not pile requests up.
        if (Interlocked.Exchange(ref polling, 1) != 0) return;
        _ = PollAsync(); // never throws: every failure is caught, counted and logged inside
    }

    private async Task PollAsync()
    {
        try
        {
            string answer;
            // Marked like the reporter's own sends: a tracer listening to HttpClient does not trace its sampler's polls.
            var request = Reporting.ReporterSending.Marked((client, url, stopping.Token), static s => s.client.GetAsync(s.url, s.Token));
            using (var response = await request.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    Fail(null, $"the sampling endpoint {shown} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                    return;
                }

                answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }

            if (answer == lastAnswer) return;
            if (StrategyParser.Parse(answer, maxOperations, out var error) is not { } strategy)
            {
                Fail(null, $"the sampling endpoint {shown} answered something that is not a sampling strategy: {error}");
                return;
            }

            lastAnswer = answer;
            sampler.Apply(strategy);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            Fail(e, $"the sampling endpoint {shown} could not be reached");
        }
        catch (Exception)
        {
            // Stopped while asking: nothing to report.
        }
        finally
        {
            Volatile.Write(ref polling, 0);
        }
    }

    private void Fail(Exception? exception, string problem)
    {
        failed();
        log.Error(exception, problem + "; the sampler keeps its current strategy");
    }

    private static Uri WithService(Uri endpoint, string serviceName)
    {
        var separator = string.IsNullOrEmpty(endpoint.Query) ? "?" : "&";
        return new Uri(endpoint.AbsoluteUri + separator + "service=" + Uri.EscapeDataString(serviceName));
    }

    public void Dispose()
    {
        stopping.Cancel();
        timer.Dispose();
        client.Dispose();
    }
}
