using System;

namespace Instrumentation;

/// <summary>Keeps secrets out of log lines and exception messages.</summary>
internal static class Redaction
{
    /// <summary>
    /// <paramref name="url"/> with the user information (<c>user:password@</c>) replaced by
    /// <c>***@</c>. Works on text that is no valid URL too, since rejected values are echoed.
    /// </summary>
    public static string UserInfo(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authority = scheme < 0 ? 0 : scheme + 3;
        var end = url.IndexOfAny(['/', '?', '#'], authority);
        if (end < 0) end = url.Length;
        if (end <= authority) return url;
        var at = url.LastIndexOf('@', end - 1, end - authority);
        return at < 0 ? url : url.Substring(0, authority) + "***" + url.Substring(at);
    }

    /// <inheritdoc cref="UserInfo(string)"/>
    public static string UserInfo(Uri url) => UserInfo(url.OriginalString);
}
