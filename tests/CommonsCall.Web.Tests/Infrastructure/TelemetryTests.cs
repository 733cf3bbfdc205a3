using System.Net;
using System.Net.Http.Headers;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Prometheus_reads_the_metrics_with_its_token()
    {
        // The runtime's and Npgsql's meters are the process's own: other test hosts in this process cannot hide them.
        var text = await ScrapeUntilAsync(t => t.Contains("dotnet_gc_collections_total", StringComparison.Ordinal) && t.Contains("db_client_", StringComparison.Ordinal));

        text.ShouldContain("# TYPE dotnet_gc_collections_total counter");
        text.ShouldContain("db_client_operation_duration_seconds");
    }

    [Fact]
    public async Task Prometheus_counts_contribution_changes_and_refusals_by_code()
    {
        var s = await BudgetScenario.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 7_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 7_000)).Error.ShouldBeNull("the same amount again changes nothing");
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 999_999)).Error!.Code.ShouldBe(ErrorCodes.InsufficientBalance);

        // This class's app is the only one that contributes: its counters hold exactly these three answers.
        var text = await ScrapeUntilAsync(t => Sample(t, "commonscall_contribution_changes_total") is not null
            && Sample(t, "commonscall_contribution_refusals_total", ErrorCodes.InsufficientBalance) is not null);

        Sample(text, "commonscall_contribution_changes_total").ShouldBe(1);
        Sample(text, "commonscall_contribution_refusals_total", ErrorCodes.InsufficientBalance).ShouldBe(1);
        text.ShouldContain("# TYPE commonscall_contribution_refusals_total counter");
    }

    /// <summary>The value of <paramref name="metric"/> in a Prometheus text scrape (of its series with that refusal <paramref name="code"/>).</summary>
    private static double? Sample(string scrape, string metric, string? code = null)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var labels = line[metric.Length] == '{' ? line[(metric.Length + 1)..line.IndexOf('}', StringComparison.Ordinal)] : string.Empty;
            if (code is null || labels.Split(',').Contains($"code=\"{code}\""))
            {
                var value = line[(line.IndexOf('}', StringComparison.Ordinal) is var end and >= 0 ? end + 1 : metric.Length)..].Trim().Split(' ')[0];
                return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [Fact]
    public async Task Prometheus_shows_the_mail_waiting_in_the_outbox()
    {
        // No SMTP server is configured here: mail is kept in the outbox, and its depth shows it.
        const string depth = "commonscall_mail_outbox_queued";
        var before = Sample(await ScrapeUntilAsync(t => Sample(t, depth) is not null), depth);
        var admin = await new TestData(app).UserAsync(Roles.Administrator);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(admin, new CreateInvitation($"file-{Guid.NewGuid():N}@test.example", null, null)))
                .IsSuccess.ShouldBeTrue();
        }

        // The depth is counted at most every five seconds: scrape until it moves.
        var after = Sample(await ScrapeUntilAsync(t => Sample(t, depth) != before), depth);

        after.ShouldBe(before + 1);
    }

    /// <summary>The exporter collects on its own schedule: scrapes until <paramref name="seen"/> or 30 s.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> seen)
    {
        var client = ApiClient.Anonymous(app);
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(500);
            }

            using var scraped = await client.SendAsync(Scrape(ScrapedAppFactory.Token));
            scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
            var text = await scraped.Content.ReadAsStringAsync();
            if (seen(text) || attempt >= 60)
            {
                return text;
            }
        }
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
