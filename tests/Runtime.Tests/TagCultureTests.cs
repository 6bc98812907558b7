using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests;

/// <summary>
/// Tag values that are written as text (dates, other formattable values, and arrays)
/// read the same on every machine: in the invariant culture, not the culture of whichever thread
/// happens to serialize the span.
/// </summary>
public sealed class TagCultureTests
{
    [Fact]
    public void Formattable_tag_values_are_written_in_the_invariant_culture()
    {
        var previous = CultureInfo.DefaultThreadCurrentCulture;
        CultureInfo.DefaultThreadCurrentCulture = new CultureInfo("de-DE"); // the reporter thread's culture
        try
        {
            using var agent = new UdpAgent();
            var sourceName = "culture." + Guid.NewGuid().ToString("N");
            using var source = new ActivitySource(sourceName);
            using (var tracer = agent.Configure("culture", sourceName).Start())
            {
                using (var span = source.StartActivity("op")!)
                {
                    span.SetTag("when", new DateTime(2024, 12, 24, 13, 0, 0));
                    span.SetTag("at", new DateTimeOffset(2024, 12, 24, 13, 0, 0, TimeSpan.FromHours(1)));
                    span.SetTag("amounts", new[] { 1.5m, 2.25m });
                }
            }

            var written = agent.WaitForSpans(1).SelectMany(b => b.Spans).Single();
            Assert.Equal("12/24/2024 13:00:00", written.Tag("when"));
            Assert.Equal("12/24/2024 13:00:00 +01:00", written.Tag("at"));
            Assert.Equal("[1.5,2.25]", written.Tag("amounts"));
        }
        finally
        {
            CultureInfo.DefaultThreadCurrentCulture = previous;
        }
    }
}
