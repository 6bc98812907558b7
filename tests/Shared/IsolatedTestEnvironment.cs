using System;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Instrumentation.Tests.Shared;

/// <summary>
/// Makes a test run independent of the machine it runs on, before any test starts: ambient
/// <c>JAEGER_*</c> variables (which every tracer here would honour) and <c>OTEL_SDK_DISABLED</c> are
/// removed; tests that need a variable set it themselves. Loopback addresses are added to
/// <c>NO_PROXY</c>, so an <c>HTTP_PROXY</c> meant for the package feed never carries the tests'
/// requests to 127.0.0.1 (child processes inherit all of this).
/// </summary>
internal static class IsolatedTestEnvironment
{
#pragma warning disable CA2255 // a module initializer in a test assembly is exactly the "before anything" this needs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().ToList())
        {
            if (name.StartsWith("JAEGER_", StringComparison.OrdinalIgnoreCase) || name.Equals("OTEL_SDK_DISABLED", StringComparison.OrdinalIgnoreCase))
                Environment.SetEnvironmentVariable(name, null);
        }

        var entries = new[] { Environment.GetEnvironmentVariable("NO_PROXY"), Environment.GetEnvironmentVariable("no_proxy"), "localhost,127.0.0.1,::1" }
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split(','))
            .Select(e => e.Trim())
            .Where(e => e.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var combined = string.Join(",", entries);
        Environment.SetEnvironmentVariable("NO_PROXY", combined);
        Environment.SetEnvironmentVariable("no_proxy", combined);
    }
}
