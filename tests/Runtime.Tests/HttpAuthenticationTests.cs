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
