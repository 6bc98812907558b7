using System.Diagnostics;

namespace Instrumentation.Conventions;

/// <summary>Tagging helpers shared by the conventions that complete other libraries' spans.</summary>
internal static class SpanTags
{
    /// <summary>Sets <paramref name="key"/> unless the span has it already (its library, or the app, knows better) or there is no value.</summary>
    public static void SetIfMissing(this Activity span, string key, object? value)
    {
        if (value is not null && span.GetTagItem(key) is null) span.SetTag(key, value);
    }
}
