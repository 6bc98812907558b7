using System.ComponentModel;

namespace Instrumentation;

/// <summary>Implemented by generated interface decorators (see <see cref="TracedHandoff"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITracedDecorator
{
}
