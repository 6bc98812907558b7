using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Instrumentation.AspNetCore;

/// <summary>Puts <see cref="ServerSpanMiddleware"/> first in the pipeline, so it sees every request's outcome.</summary>
internal sealed class ServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerSpanMiddleware>();
        next(app);
    };
}
