#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Instrumentation;

/// <summary>
/// Narrows 16-bit lanes known to hold 0-255 (ASCII text, hex digit pairs) to bytes. On x86 one
/// saturating pack instruction, exact for such lanes; <see cref="Vector128.Narrow(Vector128{ushort}, Vector128{ushort})"/>
/// compiles to three there. The text encoder and the id parser both narrow this way.
/// </summary>
internal static class VectorNarrowing
{
    /// <summary><paramref name="low"/>'s lanes, then <paramref name="high"/>'s, as bytes.</summary>
    public static Vector128<byte> Exact(Vector128<ushort> low, Vector128<ushort> high) =>
        Sse2.IsSupported ? Sse2.PackUnsignedSaturate(low.AsInt16(), high.AsInt16()) : Vector128.Narrow(low, high);
}
#endif
