using System;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>Records an exception the OpenTelemetry way: error status plus an <c>exception</c> event.</summary>
internal static class ExceptionRecorder
{
    public static void Record(Activity span, Exception exception)
    {
        span.SetStatus(ActivityStatusCode.Error, exception.Message);
        span.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = exception.GetType().FullName,
            ["exception.message"] = exception.Message,
            ["exception.stacktrace"] = exception.ToString(),
        }));
    }
}
