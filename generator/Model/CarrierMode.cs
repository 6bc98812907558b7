namespace Instrumentation.Generator.Model;

/// <summary>What the span does with the method's <c>[TraceContext]</c> parameter.</summary>
internal enum CarrierMode
{
    /// <summary>No usable carrier: an ordinary span.</summary>
    None,

    /// <summary>Consumer/Server: the span's parent is the context extracted from the carrier.</summary>
    Extract,

    /// <summary>Producer/Client: the span's context is injected into the carrier before the target runs.</summary>
    Inject,
}
