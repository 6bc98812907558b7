using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Instrumentation.AspNetCore;

/// <summary>
/// Puts <see cref="ServerSpanMiddleware"/> ahead of everything the app adds, so it sees the outcome
/// of the app's own middleware (error pages included). Startup filters registered earlier, such as
/// the host filtering that <c>WebApplication</c> adds, still run outside it: a request they reject
/// keeps ASP.NET Core's span name.
/// </summary>
internal sealed class ServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerSpanMiddleware>();
        next(app);
    };
}
