using System;
using Instrumentation.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Logging;

/// <summary>Adds <see cref="SpanLogProvider"/> to a logging builder.</summary>
public static class SpanLogLoggingBuilderExtensions
{
    /// <summary>
    /// Attaches log records written inside sampled spans to those spans as events (Jaeger span
    /// logs), at most <see cref="SpanLogOptions.MaxEventsPerSpan"/> per span. Level filters for the
    /// provider <c>Instrumentation.Logging.SpanLogProvider</c> apply as usual.
    /// </summary>
    public static ILoggingBuilder AddSpanLogs(this ILoggingBuilder builder, Action<SpanLogOptions>? configure = null)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        var options = new SpanLogOptions();
        configure?.Invoke(options);
        var provider = new SpanLogProvider(options);
        builder.Services.Add(ServiceDescriptor.Singleton<ILoggerProvider>(provider));
        builder.Services.Add(ServiceDescriptor.Singleton(provider));
        return builder;
    }
}
