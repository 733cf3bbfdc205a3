using System.Net;
using System.Net.Http.Headers;
using CommonsCall.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>The app with a Prometheus scrape token configured, as an operator would run it.</summary>
public sealed class ScrapedAppFactory : AppFactory
{
    public const string Token = "jeton-de-collecte-de-test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Telemetry:ScrapeToken", Token);
    }
}

/// <summary>Metrics for operators (issue 17): scraped by Prometheus behind a token, never open to the public.</summary>
public sealed class TelemetryTests(ScrapedAppFactory app) : IClassFixture<ScrapedAppFactory>
{
    private static HttpRequestMessage Scrape(string? token) => new(HttpMethod.Get, "/metrics")
    {
        Headers = { Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token) },
    };

    [Fact]
    public async Task Prometheus_reads_request_and_database_metrics_with_its_token()
    {
        var client = ApiClient.Anonymous(app);
        (await client.GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The exporter collects on its own schedule: ask again until the request just made is counted.
        var text = string.Empty;
        for (var attempt = 0; attempt < 60 && !text.Contains("http_server_request_duration_seconds_count", StringComparison.Ordinal); attempt++)
        {
            using var scraped = await client.SendAsync(Scrape(ScrapedAppFactory.Token));
            scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await scraped.Content.ReadAsStringAsync();
            if (!text.Contains("http_server_request_duration_seconds_count", StringComparison.Ordinal))
            {
                await Task.Delay(500);
            }
        }

        text.ShouldContain("http_server_request_duration_seconds_count");
        text.ShouldContain("db_client_");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("un-autre-jeton")]
    public async Task Metrics_are_refused_without_the_scrape_token(string? token)
    {
        using var scraped = await ApiClient.Anonymous(app).SendAsync(Scrape(token));

        scraped.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await scraped.Content.ReadAsStringAsync()).ShouldNotContain("http_server");
    }
}

/// <summary>An app without a scrape token exposes no metrics endpoint at all.</summary>
public sealed class TelemetryOffTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Without_a_scrape_token_there_is_no_metrics_endpoint()
    {
        using var scraped = await ApiClient.Anonymous(app).GetAsync("/metrics");

        scraped.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
