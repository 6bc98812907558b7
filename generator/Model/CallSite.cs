namespace Instrumentation.Generator.Model;

/// <summary>One interceptable call of a traced method.</summary>
/// <param name="Target">The method called.</param>
/// <param name="LocationVersion">The <c>InterceptsLocation</c> encoding version.</param>
/// <param name="LocationData">The opaque location data Roslyn gave for the call.</param>
/// <param name="SortKey">File path and position, for deterministic output.</param>
/// <param name="DisplayLocation">File name and line, for a comment next to the attribute.</param>
/// <param name="TracedVia">Keys of the base and interface members the target overrides or implements, so their declarations count as called.</param>
internal sealed record CallSite(TargetMethod Target, int LocationVersion, string LocationData, string SortKey, string DisplayLocation, EquatableArray<string> TracedVia = default);
