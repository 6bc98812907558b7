using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Instrumentation.Sample;

/// <summary>The service: every public method call is a span, named Greeter.Method.</summary>
[Traced(Kind = ActivityKind.Server)]
public sealed class Greeter(ProfileStore profiles)
{
    public async Task<string> HelloAsync([Tag("greeter.name")] string name)
    {
        if (name.Length == 0) throw new ArgumentException("a name is required", nameof(name));
        var profile = await profiles.LoadAsync(name);
        using (Tracing.Block("compose-greeting"))
        {
            return $"Hello {name} ({profile})";
        }
    }
}

/// <summary>A pretend data store; its queries are client spans.</summary>
public sealed class ProfileStore
{
    [Traced("db.query profiles", Kind = ActivityKind.Client)]
    [return: Tag("profile.tier")]
    public async Task<string> LoadAsync(string name)
    {
        await Task.Delay(15);
        return name.Length % 2 == 0 ? "regular" : "premium";
    }
}
