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
        // Up to the last '@' anywhere after the scheme: a rejected URL's password may hold '/', '?'
        // or '#', so the authority cannot be trusted to end at the first of them. An '@' in a path
        // over-redacts, which is harmless.
        var at = url.LastIndexOf('@');
        return at < authority ? url : url.Substring(0, authority) + "***" + url.Substring(at);
    }
}
