using System;
using System.Globalization;

namespace Instrumentation;

/// <summary>Parses Go's <c>time.ParseDuration</c> syntax: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        double totalTicks = 0;
        var i = 0;
        if (text.Length == 0) return false;
        while (i < text.Length)
        {
            var numberStart = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
            if (i == numberStart ||
                !double.TryParse(text.Substring(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsDigit(text[i]) && text[i] != '.') i++;
            double ticksPerUnit = text.Substring(unitStart, i - unitStart) switch
            {
                "ns" => TimeSpan.TicksPerMillisecond / 1_000_000.0,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMillisecond / 1_000.0,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1,
            };
            if (ticksPerUnit < 0) return false;
            totalTicks += number * ticksPerUnit;
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(totalTicks));
        return true;
    }
}
