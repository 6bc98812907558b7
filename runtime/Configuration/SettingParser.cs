using System;
using System.Collections.Generic;
using System.Globalization;

namespace Instrumentation;

/// <summary>Parses setting text (as the Go client does) and names the setting when the text is bad.</summary>
internal static class SettingParser
{
    public static bool Bool(string setting, string text) => text switch
    {
        // strconv.ParseBool's spellings, which the Go client accepts.
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new InvalidTracerSettingException(setting, text, "true or false (also 1/0, t/f)"),
    };

    public static double Double(string setting, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) && !double.IsInfinity(value)
            ? value
            : throw new InvalidTracerSettingException(setting, text, "a number such as 1, 0 or 0.25");

    public static int PositiveInt(string setting, string text, int max = int.MaxValue) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new InvalidTracerSettingException(setting, text, $"a whole number from 1 to {max}");

    /// <summary>A queue size: 1 to <see cref="SettingChecks.MaxQueueSizeLimit"/>.</summary>
    public static int QueueSize(string setting, string text) => PositiveInt(setting, text, SettingChecks.MaxQueueSizeLimit);

    public static int Port(string setting, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 65535
            ? value
            : throw new InvalidTracerSettingException(setting, text, "a port number from 1 to 65535");

    public static Uri HttpUri(string setting, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
            ? uri
            : throw new InvalidTracerSettingException(setting, Redaction.UserInfo(text), "an absolute http:// or https:// URL such as http://localhost:14268/api/traces");

    private static readonly long MaxMilliseconds = (long)TimeSpan.MaxValue.TotalMilliseconds;

    /// <summary>
    /// A duration as Go writes it (<c>1s</c>, <c>500ms</c>, <c>1m30s</c>, <c>1.5s</c>), as the older
    /// C# client read it (a plain number of milliseconds), or as .NET writes a TimeSpan
    /// (<c>00:00:01</c>, the form configuration files use). Must be positive unless <paramref name="allowZero"/>.
    /// </summary>
    public static TimeSpan Duration(string setting, string text, bool allowZero = false)
    {
        var accepted = allowZero
            ? "a duration of zero or more such as 0, 1s, 500ms, 1m30s, 00:00:01, or a number of milliseconds such as 1000"
            : "a positive duration such as 1s, 500ms, 1m30s, 00:00:01, or a number of milliseconds such as 1000";
        TimeSpan duration;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
            duration = millis <= MaxMilliseconds ? TimeSpan.FromMilliseconds(millis) : throw new InvalidTracerSettingException(setting, text, accepted);
        else if (text.IndexOf(':') >= 0 ? !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) : !GoDuration.TryParse(text, out duration))
            throw new InvalidTracerSettingException(setting, text, accepted);

        return duration > TimeSpan.Zero || (allowZero && duration == TimeSpan.Zero)
            ? duration
            : throw new InvalidTracerSettingException(setting, text, accepted);
    }

    /// <summary><c>k=v,k2=${ENV_VAR:default}</c>: values may name another variable with a default.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Tags(string setting, string text, Func<string, string?> lookup)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var entry in text.Split(','))
        {
            var eq = entry.IndexOf('=');
            var key = eq > 0 ? entry.Substring(0, eq).Trim() : string.Empty;
            if (key.Length == 0)
            {
                throw new InvalidTracerSettingException(setting, text, "comma-separated key=value pairs, a value may be ${ENV_VAR:default}");
            }

            result.Add(new KeyValuePair<string, string>(key, ExpandValue(entry.Substring(eq + 1).Trim(), lookup)));
        }

        return result;
    }

    public static PropagationFormats Propagation(string setting, string text)
    {
        PropagationFormats formats = 0;
        foreach (var part in text.Split(','))
        {
            formats |= part.Trim().ToLowerInvariant() switch
            {
                "jaeger" => PropagationFormats.Jaeger,
                "w3c" or "tracecontext" => PropagationFormats.W3C,
                _ => throw new InvalidTracerSettingException(setting, text, "jaeger, w3c, or both as jaeger,w3c"),
            };
        }

        return formats;
    }

    private static string ExpandValue(string value, Func<string, string?> lookup)
    {
        if (!(value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith("}", StringComparison.Ordinal)))
        {
            return value;
        }

        var inner = value.Substring(2, value.Length - 3);
        var colon = inner.IndexOf(':');
        var name = colon >= 0 ? inner.Substring(0, colon) : inner;
        var fallback = colon >= 0 ? inner.Substring(colon + 1) : string.Empty;
        var fromEnvironment = lookup(name.Trim());
        return string.IsNullOrEmpty(fromEnvironment) ? fallback : fromEnvironment!;
    }
}
