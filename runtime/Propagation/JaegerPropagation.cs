using System.Collections.Generic;
using System.Diagnostics;
using Instrumentation.Propagation;

namespace Instrumentation;

/// <summary>
/// The propagator for a choice of formats, for hosts that take it from dependency injection
/// (ASP.NET Core registers <see cref="DistributedContextPropagator.Current"/> when the host is built,
/// so register this one when the tracer starts later). A started <see cref="Tracer"/> installs it
/// as <see cref="DistributedContextPropagator.Current"/> by itself.
/// </summary>
public static class JaegerPropagation
{
    /// <summary>
    /// A propagator that injects every format in <paramref name="formats"/> and extracts whichever is
    /// present (W3C first when both are valid). Never throws on malformed headers: they extract as no parent.
    /// </summary>
    /// <exception cref="InvalidTracerSettingException"><paramref name="formats"/> names no known format.</exception>
    public static DistributedContextPropagator Create(PropagationFormats formats)
    {
        if (!IsValid(formats))
            throw new InvalidTracerSettingException("Propagation (JAEGER_PROPAGATION)", formats.ToString(), "Jaeger, W3C or both");

        var list = new List<DistributedContextPropagator>(2);
        if ((formats & PropagationFormats.W3C) != 0) list.Add(new W3CPropagator());
        if ((formats & PropagationFormats.Jaeger) != 0) list.Add(new JaegerPropagator());
        return new CompositePropagator(list);
    }

    /// <summary>At least one format, and only known ones.</summary>
    internal static bool IsValid(PropagationFormats formats) =>
        formats != 0 && (formats & ~(PropagationFormats.Jaeger | PropagationFormats.W3C)) == 0;
}
