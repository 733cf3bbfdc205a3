using System.Diagnostics;
using Serilog;

namespace CommonsCall.Web.Infrastructure;

public static class Logging
{
    /// <summary>
    /// Serilog from the <c>Serilog</c> configuration section (console by default; add a File sink there to
    /// write files). Serilog.AspNetCore is not in our package source, so it is plugged in as a plain
    /// logging provider and requests are logged by <see cref="UseRequestLogging"/>.
    /// </summary>
    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders().AddSerilog(logger, dispose: true);
        return builder;
    }

    /// <summary>One structured event per request: method, path, status and elapsed time.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("CommonsCall.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var level = context.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
                logger.Log(level, "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms",
                    context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed);
            }
        });
    }
}
