using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generator.Tests.Support;
using Xunit;

namespace Instrumentation.Generator.Tests;

/// <summary>
/// One case per situation a diagnostic reports (rows in <see cref="CallDiagnosticCases"/> and
/// <see cref="CarrierAndDecoratorDiagnosticCases"/>): its ID, severity, location and message, what
/// happens to the calls, and that the user's code still compiles cleanly with the generated code.
/// </summary>
public sealed class DiagnosticTests
{
    private static readonly Dictionary<string, DiagnosticCase> Cases =
        CallDiagnosticCases.All().Concat(CarrierAndDecoratorDiagnosticCases.All()).ToDictionary(c => c.Name, c => c.Case);

    // Rows are passed by name: a name is serializable, so each row is its own test case in discovery and filters
    // (names of at most 50 characters: xUnit shortens longer arguments in display names).
    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Reports(string name) => Cases[name].Check();
}
