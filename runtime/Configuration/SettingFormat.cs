using System;
using System.Collections.Generic;
using System.Globalization;

namespace Instrumentation;

/// <summary>How a setting's text is parsed (a bad one throws naming its source) and its value shown in a message.</summary>
internal sealed class SettingFormat<T>(Func<string, string, Func<string, string?>, T> parse, Func<T, string?>? show = null)
{
    public SettingFormat(Func<string, string, T> parse, Func<T, string?>? show = null)
        : this((source, text, _) => parse(source, text), show)
    {
    }

    public T Parse(string source, string text, Func<string, string?> lookup) => parse(source, text, lookup);

    public string? Show(T value) => show is not null ? show(value) : value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
}

/// <summary>The formats settings use.</summary>
internal static class SettingFormats
{
    /// <summary>Stands for a secret in error messages.</summary>
    public const string Hidden = "(hidden)";

    public static readonly SettingFormat<string> Text = new((_, text) => text);

    /// <summary>Credentials: never echoed.</summary>
    public static readonly SettingFormat<string?> Secret = new((_, text) => text, value => value is null ? null : Hidden);

    public static readonly SettingFormat<bool> Bool = new(SettingParser.Bool);

    public static readonly SettingFormat<double> Number = new(SettingParser.Double);

    public static readonly SettingFormat<int> Count = new((source, text) => SettingParser.PositiveInt(source, text));

    public static readonly SettingFormat<int> QueueSize = new(SettingParser.QueueSize);

    public static readonly SettingFormat<int> Port = new(SettingParser.Port);

    /// <summary>A URL is shown without its user information.</summary>
    public static readonly SettingFormat<Uri?> HttpUrl = new(SettingParser.HttpUri, ShowUrl);

    /// <summary>jaeger-client-go's older <c>host:port</c> form of the sampling endpoint.</summary>
    public static readonly SettingFormat<Uri?> SamplingHostPort = new((source, text) => SettingParser.HttpUri(source, "http://" + text + "/sampling"), ShowUrl);

    public static readonly SettingFormat<TimeSpan> Duration = new((source, text) => SettingParser.Duration(source, text));

    /// <summary>For durations where zero means something (do not wait, log every error).</summary>
    public static readonly SettingFormat<TimeSpan> DurationOrZero = new((source, text) => SettingParser.Duration(source, text, allowZero: true));

    public static readonly SettingFormat<PropagationFormats> Propagation = new(SettingParser.Propagation);

    /// <summary>Shown as <c>JAEGER_TAGS</c> writes them, a missing value as <c>(null)</c>.</summary>
    public static readonly SettingFormat<IEnumerable<KeyValuePair<string, string>>> Tags = new(SettingParser.Tags,
        tags => string.Join(",", System.Linq.Enumerable.Select(tags, tag => tag.Key + "=" + (tag.Value ?? "(null)"))));

    private static string? ShowUrl(Uri? url) => url is null ? "(null)" : Redaction.UserInfo(url.OriginalString);
}
