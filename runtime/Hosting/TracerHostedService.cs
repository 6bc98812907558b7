using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.Hosting;

/// <summary>
/// Ties the tracer to the host's lifetime. The tracer is a constructor dependency, so it starts when
/// the host resolves its hosted services, before any of them starts (the ASP.NET Core server's
/// first request is already listened to). It is disposed in <see cref="StoppedAsync"/>, after every
/// hosted service stopped, so spans finished during shutdown are flushed too.
/// </summary>
internal sealed class TracerHostedService(Tracer tracer) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        tracer.Dispose(); // flushes, waiting at most Reporter.CloseTimeout
        return Task.CompletedTask;
    }
}
