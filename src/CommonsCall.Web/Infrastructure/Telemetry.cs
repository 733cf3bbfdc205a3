using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// OpenTelemetry metrics and traces for ASP.NET Core, HttpClient, Npgsql, EF Core, the runtime and
/// <see cref="AppMetrics"/>. Metrics are scraped by Prometheus at <c>/metrics</c>, which answers only to the
/// bearer token set in <c>Telemetry:ScrapeToken</c> (no token configured: no endpoint). Traces and metrics are
/// also pushed over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// The platform's meters that the instrumentation packages do not add: EF Core's contexts and queries, Blazor's
    /// circuits and renders (ASP.NET Core 10).
    /// </summary>
    private static readonly string[] PlatformMeters =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"];

    public static IServiceCollection AddAppTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AppMetrics>();
        services.AddScoped<CircuitHandler, CircuitMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("CommonsCall"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation().AddMeter(AppMetrics.MeterName).AddMeter(PlatformMeters).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Meters made by an IMeterFactory belong to one host; several hosts in one process (the tests, the bench) each
        // have their own meters under the same names, which OpenTelemetry would otherwise add together.
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            var ours = provider.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory owner && owner != ours ? MetricStreamConfiguration.Drop : null);
        });

        // Traces only go out over OTLP: without it, listening would create an activity per request and per database
        // command (the contribution hot path included) that nobody reads.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(ScrapePath))
                .AddHttpClientInstrumentation().AddNpgsql().AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint behind its bearer token, if one is configured.</summary>
    public static WebApplication MapAppMetrics(this WebApplication app)
    {
        if (app.Configuration["Telemetry:ScrapeToken"] is not { Length: > 0 } token)
        {
            return app;
        }

        var expected = System.Text.Encoding.UTF8.GetBytes("Bearer " + token);
        app.MapPrometheusScrapingEndpoint(ScrapePath).AddEndpointFilter(async (context, next) =>
        {
            var given = System.Text.Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers.Authorization.ToString());
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(given, expected)
                ? await next(context)
                : Results.Unauthorized();
        });
        return app;
    }

    /// <summary>Counts the open circuits of this instance.</summary>
    private sealed class CircuitMetrics(AppMetrics metrics) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            metrics.CircuitOpened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            metrics.CircuitClosed();
            return Task.CompletedTask;
        }
    }
}
