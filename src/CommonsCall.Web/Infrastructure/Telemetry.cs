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
                    .AddNpgsqlInstrumentation().AddMeter(AppMetrics.MeterName).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
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
