using System;
using System.Collections.Generic;
using System.Text;

namespace Instrumentation.Propagation;

/// <summary>The W3C <c>baggage</c> header: <c>key=value</c> list members, token keys, percent-encoded values.</summary>
internal static class W3CBaggage
{
    public const string Header = "baggage";

    // The spec's limits a receiver must accept at least; more is ignored rather than parsed.
    private const int MaxMembers = BaggageLimits.MaxItems;
    public const int MaxLength = BaggageLimits.MaxLength;

    /// <summary>
    /// The header value for <paramref name="items"/>; null when there are none. Keys must be HTTP
    /// tokens (others cannot be represented and are left out); values are percent-encoded. Whole
    /// members past 180 or past 8192 characters are left out, as the spec asks, so receivers never
    /// see a header they must reject.
    /// </summary>
    public static string? Format(IEnumerable<KeyValuePair<string, string?>> items)
    {
        StringBuilder? text = null;
        var count = 0;
        foreach (var item in items)
        {
            if (!HttpToken.IsValid(item.Key) || count == MaxMembers) continue;
            var member = item.Key + "=" + Uri.EscapeDataString(item.Value ?? string.Empty);
            var length = (text?.Length + 1 ?? 0) + member.Length;
            if (length > MaxLength) continue;
            text = text is null ? new StringBuilder() : text.Append(',');
            text.Append(member);
            count++;
        }

        return text?.ToString();
    }

    /// <summary>The items of a header value; malformed members are skipped, properties after <c>;</c> dropped.</summary>
    public static List<KeyValuePair<string, string?>>? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value!.Length > MaxLength)
        {
            // Over the limit a receiver must accept: keep the whole members that fit, drop the rest.
            var cut = value.LastIndexOf(',', MaxLength);
            if (cut <= 0) return null;
            value = value.Substring(0, cut);
        }

        List<KeyValuePair<string, string?>>? items = null;
        foreach (var member in value.Split(','))
        {
            var semicolon = member.IndexOf(';');
            var pair = semicolon >= 0 ? member.Substring(0, semicolon) : member;
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            var key = pair.Substring(0, equals).Trim(' ', '\t');
            if (!HttpToken.IsValid(key)) continue;
            var text = pair.Substring(equals + 1).Trim(' ', '\t');
            (items ??= []).Add(new(key, Uri.UnescapeDataString(text))); // keys are tokens: never encoded
            if (items.Count == MaxMembers) break;
        }

        return items;
    }
}
