namespace Instrumentation;

/// <summary>Checks a configuration before anything starts, so a bad value fails at once with a clear message.</summary>
internal static class TracerConfigurationValidator
{
    public static void Validate(TracerConfiguration c)
    {
        foreach (var setting in Settings.All) setting.Check(c);
        foreach (var source in c.Sources)
        {
            if (string.IsNullOrWhiteSpace(source))
                throw new InvalidTracerSettingException("Sources", null, source, "activity source names, a trailing * for a prefix, or * for all");
        }
    }

    /// <summary>Room a packet must keep for spans beyond the process: a small span takes about 100 bytes.</summary>
    internal const int MinSpanRoom = 512;

    /// <summary>
    /// Fails when the batch frame (service name and process tags) leaves less than
    /// <see cref="MinSpanRoom"/> bytes of a packet for spans, naming the service name when it alone
    /// takes half the packet, else the process tags.
    /// </summary>
    public static void ValidateProcessSize(TracerConfiguration c, int frameBytes, int maxPacketSize)
    {
        if (frameBytes + MinSpanRoom <= maxPacketSize) return;
        var room = $"a service name and process tags that leave room for spans in a {maxPacketSize}-byte packet (they take {frameBytes} bytes)";
        if (System.Text.Encoding.UTF8.GetByteCount(c.ServiceName) > maxPacketSize / 2)
            Settings.ServiceName.Fail(c, c.ServiceName.Length > 64 ? c.ServiceName.Substring(0, 64) + "..." : c.ServiceName, room);
        Settings.Tags.Fail(c, $"{c.Tags.Count} tags", room);
    }
}
