using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Shapes.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

public sealed class OpenTelemetryPipelineTests
{
    [Fact]
    public async Task Spans_reach_an_OpenTelemetry_pipeline_subscribed_to_the_assembly_name()
    {
        var exported = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(typeof(OpenTelemetryPipelineTests).Assembly.GetName().Name!)
            .AddInMemoryExporter(exported)
            .Build())
        {
            Assert.Equal(5, Calculator.Outer(0) + Calculator.Add(2, 2));
            Assert.Equal(7, await AsyncWork.TaggedValue(7)); // completes at once, so its span has ended before the flush
            using (Tracing.Block("otel block"))
            {
                Calculator.Serve();
            }

            provider.ForceFlush();
        }

        Assert.Equal(
            ["Calculator.Inner", "Calculator.Outer", "Calculator.Add", "AsyncWork.TaggedValue", "Calculator.Serve", "otel block"],
            exported.Select(s => s.DisplayName));
        Assert.All(exported, s => Assert.Equal(SpanCapture.AssemblySourceName, s.Source.Name));
        var byName = exported.ToDictionary(s => s.DisplayName);
        Assert.Equal(byName["Calculator.Outer"].SpanId, byName["Calculator.Inner"].ParentSpanId);
        Assert.Equal(byName["otel block"].SpanId, byName["Calculator.Serve"].ParentSpanId);
        Assert.Equal(ActivityKind.Server, byName["Calculator.Serve"].Kind);
        Assert.Equal(7, byName["AsyncWork.TaggedValue"].GetTagItem("answer"));
        Assert.Equal("Instrumentation.Shapes.Tests.Shapes.Calculator.Add", byName["Calculator.Add"].GetTagItem("code.function.name"));
    }
}
