namespace Instrumentation.Propagation;

/// <summary>Hex checks shared by the header parsers (W3C demands lowercase; Jaeger clients accept either case).</summary>
internal static class Hex
{
    public static bool IsLower(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');

    public static bool IsAnyCase(char c) => IsLower(c) || (c >= 'A' && c <= 'F');

    /// <summary>True when <paramref name="length"/> chars from <paramref name="start"/> are lowercase hex and not all zeros.</summary>
    public static bool IsLowerNonZero(string text, int start, int length)
    {
        var nonZero = false;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            if (!IsLower(c)) return false;
            nonZero |= c != '0';
        }

        return nonZero;
    }
}
