namespace Instrumentation.Propagation;

/// <summary>The W3C <c>tracestate</c> header: kept as sent when well formed, dropped (not the parent) when not.</summary>
internal static class TraceState
{
    public const string Header = "tracestate";

    private const int MaxMembers = 32;
    private const int MaxKeyLength = 256;
    private const int MaxValueLength = 256;

    /// <summary>32 members of the longest key and value, with their separators: anything longer is invalid.</summary>
    public const int MaxLength = MaxMembers * (MaxKeyLength + 1 + MaxValueLength) + MaxMembers - 1;

    /// <summary>The list with empty members removed; null when empty or when any member is malformed, too many, or repeated.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value!.Length > MaxLength * 2) return null; // room for empty members and spaces

        var members = new System.Collections.Generic.List<string>();
        var keys = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (var raw in value!.Split(','))
        {
            var member = raw.Trim(' ', '\t');
            if (member.Length == 0) continue;
            var equals = member.IndexOf('=');
            if (equals <= 0) return null;
            var key = member.Substring(0, equals);
            if (!IsKey(key) || !IsValue(member, equals + 1) || !keys.Add(key) || members.Count == MaxMembers) return null;
            members.Add(member);
        }

        return members.Count == 0 ? null : string.Join(",", members);
    }

    // key = simple-key / tenant-id "@" system-id (W3C Trace Context):
    //   simple-key = lcalpha 0*255(keychar); tenant-id = (lcalpha / DIGIT) 0*240(keychar);
    //   system-id = lcalpha 0*13(keychar); keychar = lcalpha / DIGIT / "_" / "-" / "*" / "/".
    private static bool IsKey(string key)
    {
        var at = key.IndexOf('@');
        if (at < 0) return key.Length <= MaxKeyLength && IsLower(key[0]) && KeyChars(key, 1, key.Length);
        var systemLength = key.Length - at - 1;
        return at is > 0 and <= 241 && systemLength is > 0 and <= 14
            && IsLowerAlnum(key[0]) && KeyChars(key, 1, at)
            && IsLower(key[at + 1]) && KeyChars(key, at + 2, key.Length);
    }

    private static bool KeyChars(string key, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!(IsLowerAlnum(key[i]) || key[i] is '_' or '-' or '*' or '/')) return false;
        }

        return true;
    }

    private static bool IsLower(char c) => c >= 'a' && c <= 'z';

    // value = printable ASCII except ',' and '=', 1 to 256 chars, not ending in a space.
    private static bool IsValue(string member, int start)
    {
        var length = member.Length - start;
        if (length is 0 or > MaxValueLength || member[member.Length - 1] == ' ') return false;
        for (var i = start; i < member.Length; i++)
        {
            var c = member[i];
            if (c < 0x20 || c > 0x7E || c == ',' || c == '=') return false;
        }

        return true;
    }

    private static bool IsLowerAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
