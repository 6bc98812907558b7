using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// What an exception says is user data (here a card number the method never tagged). By default it
/// is sent as OpenTelemetry records it; <c>Reporter.ExceptionMessages = false</c>
/// (<c>JAEGER_REPORTER_EXCEPTION_MESSAGES=false</c>) keeps the exception's type only.
/// </summary>
public sealed class ExceptionTextTests
{
    private const string Secret = "4111 1111 1111 1111";

    [Fact]
    public void By_default_the_message_is_sent_in_the_status_and_the_exception_log()
    {
        var span = ReportFailedSpan(_ => { });

        Assert.Equal(true, span.Tag("error"));
        Assert.Equal("ERROR", span.Tag("otel.status_code"));
        Assert.Contains(Secret, (string)span.Tag("otel.status_description")!, StringComparison.Ordinal);
        var log = Assert.Single(span.Logs);
        Assert.Equal("exception", log["event"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, log["exception.type"]);
        Assert.Contains(Secret, (string)log["exception.message"]!, StringComparison.Ordinal);
        Assert.Contains(Secret, (string)log["exception.stacktrace"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]  // in code
    [InlineData(false)] // JAEGER_REPORTER_EXCEPTION_MESSAGES=false
    public void With_exception_messages_off_only_the_type_is_sent(bool inCode)
    {
        var span = ReportFailedSpan(config =>
        {
            if (inCode) config.Reporter.ExceptionMessages = false;
            else config.WithEnvironmentOverrides(name => name == "JAEGER_REPORTER_EXCEPTION_MESSAGES" ? "false" : null);
        });

        Assert.Equal(true, span.Tag("error"));
        Assert.Equal("ERROR", span.Tag("otel.status_code"));
        Assert.Null(span.Tag("otel.status_description"));
        var log = Assert.Single(span.Logs);
        Assert.Equal(["event", "exception.type"], log.Fields.Select(f => f.Key));
        Assert.Equal(typeof(InvalidOperationException).FullName, log["exception.type"]);
        Assert.DoesNotContain(span.Tags.Concat(log.Fields), t => t.Value is string text && text.Contains(Secret, StringComparison.Ordinal));
    }

    private static JaegerSpan ReportFailedSpan(Action<TracerConfiguration> configure)
    {
        using var agent = new UdpAgent();
        var sourceName = "exception-text." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var config = agent.Configure("exception-text", sourceName);
        configure(config);
        var tracer = config.Start();
        using (var span = source.StartActivity("charge")!)
        {
            try
            {
                throw new InvalidOperationException($"card {Secret} was declined");
            }
            catch (InvalidOperationException e) when (TracedCall.Fail(span, e))
            {
                // never: Fail records and returns false, as in generated code
            }
            catch (InvalidOperationException)
            {
                // the exception goes on unchanged
            }
        }

        tracer.Dispose();
        Assert.Equal(1, tracer.Counters.SpansReported);
        return Assert.Single(agent.WaitForSpans(1).SelectMany(b => b.Spans));
    }
}
