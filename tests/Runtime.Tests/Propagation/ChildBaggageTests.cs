using System.Diagnostics;
using Instrumentation.Runtime.Tests.Support;
using Xunit;

namespace Instrumentation.Runtime.Tests.Propagation;

/// <summary>
/// A child span that sets a baggage key its parent already has: the child's value is the one its
/// code reads (<see cref="Activity.GetBaggageItem"/>), so it is the one sent downstream, once.
/// </summary>
public sealed class ChildBaggageTests
{
    [Fact]
    public void Jaeger_headers_carry_the_childs_value()
    {
        var headers = InjectFromChild(PropagationFormats.Jaeger);

        Assert.Equal("new", headers["uberctx-user"]);
        Assert.Equal("acme", headers["uberctx-tenant"]);
        Assert.Equal("new", Headers.Baggage(JaegerPropagation.Create(PropagationFormats.Jaeger), headers)["user"]);
    }

    [Fact]
    public void The_W3C_baggage_header_lists_each_key_once_with_the_childs_value()
    {
        var headers = InjectFromChild(PropagationFormats.W3C);

        Assert.Equal("user=new,tenant=acme", headers["baggage"]);
    }

    private static System.Collections.Generic.Dictionary<string, string> InjectFromChild(PropagationFormats format)
    {
        using var parent = Headers.StartSpan("4bf92f3577b34da6a3ce929d0e0e4736", ActivityTraceFlags.Recorded, ("user", "old"), ("tenant", "acme"));
        using var child = new Activity("child").Start(); // under the current activity, the parent
        child.SetBaggage("user", "new");
        Assert.Equal("new", child.GetBaggageItem("user"));

        return Headers.Inject(JaegerPropagation.Create(format), child);
    }
}
