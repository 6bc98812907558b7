namespace Instrumentation.Diagnostics;

/// <summary>The logger categories the tracer itself writes to.</summary>
internal static class TracerLogCategories
{
    /// <summary>Errors of the reporter and senders (rate-limited).</summary>
    public const string Reporter = "Instrumentation.Jaeger";

    /// <summary>The remote sampler's endpoint errors (rate-limited).</summary>
    public const string Sampler = "Instrumentation.Jaeger.Sampler";

    /// <summary>LogSpans: one line per finished span.</summary>
    public const string Spans = "Instrumentation.Spans";

    /// <summary>The tracer's own lines describe spans; they are never logs inside spans.</summary>
    public static bool IsTracerCategory(string category) => category is Reporter or Sampler or Spans;
}
