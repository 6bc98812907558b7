namespace Instrumentation.Hosting;

/// <summary>An activity source a library or package asked the host's tracer to listen to (<c>AddJaegerTracingSource</c>).</summary>
internal sealed record ActivitySourceRegistration(string Name);
