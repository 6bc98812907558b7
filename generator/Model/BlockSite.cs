namespace Instrumentation.Generator.Model;

/// <summary>A <c>Tracing.Block()</c> call, intercepted to give it a compile-time name and location.</summary>
internal sealed record BlockSite(int LocationVersion, string LocationData, string DefaultName, string FunctionName, string FilePath, int LineNumber, string SortKey, string DisplayLocation);
