using System.Net;
using System.Net.Http.Headers;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
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
        (await ApiClient.Anonymous(app).GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var text = await ScrapeUntilAsync(t => t.Contains("http_server_request_duration_seconds_count", StringComparison.Ordinal));

        text.ShouldContain("http_server_request_duration_seconds_count");
        text.ShouldContain("db_client_");
    }

    [Fact]
    public async Task Operators_see_contribution_changes_and_refusals_by_code()
    {
        var s = await BudgetScenario.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 7_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 999_999)).Error!.Code.ShouldBe(ErrorCodes.InsufficientBalance);

        static bool Refusal(string line) => line.StartsWith("commonscall_contribution_refusals_total{", StringComparison.Ordinal)
                                            && line.Contains($"code=\"{ErrorCodes.InsufficientBalance}\"", StringComparison.Ordinal);
        var text = await ScrapeUntilAsync(t => t.Split('\n').Any(Refusal) && t.Contains("commonscall_contribution_changes_total{", StringComparison.Ordinal));

        var lines = text.Split('\n');
        lines.Any(l => l.StartsWith("commonscall_contribution_changes_total{", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal))
            .ShouldBeTrue("the accepted change is counted");
        lines.Any(Refusal).ShouldBeTrue("the refusal is counted under its code");
    }

    /// <summary>The exporter collects on its own schedule: scrapes until <paramref name="seen"/> or 30 s.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> seen)
    {
        var client = ApiClient.Anonymous(app);
        var text = string.Empty;
        for (var attempt = 0; attempt < 60 && !seen(text); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(500);
            }

            using var scraped = await client.SendAsync(Scrape(ScrapedAppFactory.Token));
            scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await scraped.Content.ReadAsStringAsync();
        }

        return text;
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
