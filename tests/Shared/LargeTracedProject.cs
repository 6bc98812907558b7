using System.Text;

namespace Instrumentation.Tests.Shared;

/// <summary>
/// The build-time benchmark's project shape (benchmarks/BuildTime/make_project.py) as source text:
/// per file, a service of 100 traced methods and a caller of each 5 times. Linked by the typing
/// latency test and the incremental generator benchmark, so both measure the same project.
/// </summary>
internal static class LargeTracedProject
{
    public const int MethodsPerFile = 100, SitesPerMethod = 5;

    /// <summary>File <paramref name="file"/>: methods <c>Op{file * 100}</c> to <c>Op{file * 100 + 99}</c>, bodies <c>=> x + {n};</c>.</summary>
    public static string Source(int file)
    {
        var s = new StringBuilder($"using Instrumentation;\nnamespace BuildTime;\npublic sealed class Service{file}\n{{\n");
        for (var m = file * MethodsPerFile; m < (file + 1) * MethodsPerFile; m++) s.Append($"    [Traced] public int Op{m}(int x) => x + {m};\n");
        s.Append($"}}\npublic static class Caller{file}\n{{\n    public static int Run(Service{file} s)\n    {{\n        var total = 0;\n");
        for (var m = file * MethodsPerFile; m < (file + 1) * MethodsPerFile; m++)
        {
            for (var i = 0; i < SitesPerMethod; i++) s.Append($"        total += s.Op{m}(total);\n");
        }

        return s.Append("        return total;\n    }\n}\n").ToString();
    }
}
