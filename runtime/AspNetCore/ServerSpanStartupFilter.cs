using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Instrumentation.AspNetCore;

/// <summary>
/// Puts <see cref="ServerSpanMiddleware"/> ahead of everything else in the pipeline (it is registered
/// as the first startup filter), so it sees the outcome of all other middleware: the app's error
/// pages, and the host filtering that <c>WebApplication</c> adds.
/// </summary>
internal sealed class ServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerSpanMiddleware>();
        next(app);
    };
}
