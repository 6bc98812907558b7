namespace Instrumentation.Generator.Model;

/// <summary>What one syntax node contributed: a call to intercept, a block, or a diagnostic saying why not.</summary>
internal sealed record ParseResult(CallSite? Call, BlockSite? Block, DiagnosticInfo? Diagnostic)
{
    public static ParseResult Of(CallSite call) => new(call, null, null);

    public static ParseResult Of(BlockSite block) => new(null, block, null);

    public static ParseResult Of(DiagnosticInfo diagnostic) => new(null, null, diagnostic);
}
