using System;
using System.Collections.Generic;
using System.Text;

namespace Instrumentation.Propagation;

/// <summary>The W3C <c>baggage</c> header: <c>key=value</c> list members with percent-encoded values.</summary>
internal static class W3CBaggage
{
    public const string Header = "baggage";

    // The spec's limits a receiver must accept at least; more is ignored rather than parsed.
    private const int MaxMembers = 180;
    private const int MaxLength = 8192;

    /// <summary>The header value for <paramref name="items"/>; null when there are none.</summary>
    public static string? Format(IEnumerable<KeyValuePair<string, string?>> items)
    {
        StringBuilder? text = null;
        var count = 0;
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item.Key) || count++ == MaxMembers) continue;
            text = text is null ? new StringBuilder() : text.Append(',');
            // Escaped keys are always tokens ('%' is a token char), so any key round-trips.
            text.Append(Uri.EscapeDataString(item.Key)).Append('=').Append(Uri.EscapeDataString(item.Value ?? string.Empty));
        }

        return text?.ToString();
    }

    /// <summary>The items of a header value; malformed members are skipped, properties after <c>;</c> dropped.</summary>
    public static List<KeyValuePair<string, string?>>? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value!.Length > MaxLength) return null;

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
            (items ??= []).Add(new(Uri.UnescapeDataString(key), Uri.UnescapeDataString(text)));
            if (items.Count == MaxMembers) break;
        }

        return items;
    }
}
