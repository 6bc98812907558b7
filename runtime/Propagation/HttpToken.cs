namespace Instrumentation.Propagation;

/// <summary>RFC 9110 tokens: what a header name (and a W3C baggage key) may contain.</summary>
internal static class HttpToken
{
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var c in text!)
        {
            if (!IsTokenChar(c)) return false;
        }

        return true;
    }

    private static bool IsTokenChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
}
