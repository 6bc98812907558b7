using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>The Authorization header the collector receives for each auth setting.</summary>
public sealed class HttpAuthenticationTests
{
    [Fact]
    public void User_and_password_are_sent_as_basic_auth()
    {
        var request = PostOneSpan(s =>
        {
            s.User = "jaeger-user";
            s.Password = "p@ss:wörd";
        });

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("jaeger-user:p@ss:wörd"));
        Assert.Equal(expected, request.Authorization);
    }

    [Fact]
    public void Auth_token_is_sent_as_bearer()
    {
        var request = PostOneSpan(s => s.AuthToken = "tok.en-123");
        Assert.Equal("Bearer tok.en-123", request.Authorization);
    }

    [Fact]
    public void Auth_token_wins_over_user_and_password()
    {
        var request = PostOneSpan(s =>
        {
            s.User = "jaeger-user";
            s.Password = "secret";
            s.AuthToken = "the-token";
        });

        Assert.Equal("Bearer the-token", request.Authorization);
    }

    [Fact]
    public void Credentials_in_the_endpoint_are_sent_as_basic_auth_as_Go_sends_them()
    {
        var request = PostOneSpan(s => s.Endpoint = new UriBuilder(s.Endpoint!) { UserName = "alice", Password = "s3cr%3At" }.Uri);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cr:t"));
        Assert.Equal(expected, request.Authorization);
    }

    [Fact]
    public void Configured_user_wins_over_credentials_in_the_endpoint()
    {
        var request = PostOneSpan(s =>
        {
            s.Endpoint = new UriBuilder(s.Endpoint!) { UserName = "url-user", Password = "url-pass" }.Uri;
            s.User = "jaeger-user";
            s.Password = "secret";
        });

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("jaeger-user:secret")), request.Authorization);
    }

    [Fact]
    public void Credentials_in_the_endpoint_never_reach_the_log()
    {
        using var collector = new HttpCollector { StatusCode = 500 };
        using var logs = new CapturingLoggerProvider();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("auth-service") { LoggerFactory = logs.CreateFactory() };
        config.Sender.Endpoint = new UriBuilder(collector.Endpoint) { UserName = "alice", Password = "s3cret" }.Uri;
        config.Reporter.ErrorLogInterval = TimeSpan.Zero; // log every failure
        config.Sources.Add(sourceName);
        var tracer = config.Start();
        for (var i = 0; i < 3; i++)
        {
            source.StartActivity("op")!.Dispose();
            Assert.True(tracer.Flush(TimeSpan.FromSeconds(10)));
        }

        tracer.Dispose();

        Assert.Equal(3, tracer.Counters.SpansDroppedSendFailed);
        var warnings = logs.Entries.Where(e => e.Message.Contains("collector", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warnings);
        Assert.Contains(warnings, e => e.Message.Contains($"127.0.0.1:{collector.Port}", StringComparison.Ordinal));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("alice", e.Message, StringComparison.Ordinal);
        });
    }

    private static HttpCollector.Request PostOneSpan(Action<SenderConfiguration> auth)
    {
        using var collector = new HttpCollector();
        var sourceName = "x." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = new TracerConfiguration("auth-service");
        config.Sender.Endpoint = collector.Endpoint;
        config.Sources.Add(sourceName);
        auth(config.Sender);
        var tracer = config.Start();
        string spanId;
        using (var span = source.StartActivity("authorized-op")!) spanId = span.SpanId.ToHexString();
        tracer.Dispose();

        var request = Assert.Single(collector.Requests);
        var span0 = Assert.Single(HttpCollector.Decode(request.Body).Spans);
        Assert.Equal(spanId, WireIds.SpanHex(span0.SpanId));
        Assert.Equal(1, tracer.Counters.SpansReported);
        return request;
    }
}
