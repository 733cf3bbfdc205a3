using System.Diagnostics.Metrics;
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
    public async Task Operators_see_contribution_changes_and_refusals_by_code()
    {
        using var recorded = new Recorded(app);
        var s = await BudgetScenario.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 7_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 7_000)).Error.ShouldBeNull("the same amount again changes nothing");
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 999_999)).Error!.Code.ShouldBe(ErrorCodes.InsufficientBalance);

        recorded.Of("commonscall.contribution.changes").ShouldBe([(1L, (string?)null)]);
        recorded.Of("commonscall.contribution.refusals").ShouldBe([(1L, ErrorCodes.InsufficientBalance)]);
    }

    [Fact]
    public async Task Operators_see_the_mail_waiting_in_the_outbox()
    {
        // No SMTP server is configured here: mail is kept in the outbox, and its depth shows it.
        using var recorded = new Recorded(app);
        recorded.Observe();
        var before = recorded.Of("commonscall.mail.outbox.queued").ShouldHaveSingleItem().Value;
        var admin = await new TestData(app).UserAsync(Roles.Administrator);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(admin, new CreateInvitation($"file-{Guid.NewGuid():N}@test.example", null, null)))
                .IsSuccess.ShouldBeTrue();
        }

        recorded.Observe();
        recorded.Of("commonscall.mail.outbox.queued")[^1].Value.ShouldBe(before + 1);
    }

    /// <summary>
    /// The CommonsCall meter's measurements of this test's app only (several test apps share the process, and
    /// OpenTelemetry's exporter would merge their same-named meters; in production one process is one app).
    /// </summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, long Value, string? Code)> _seen = [];

        public Recorded(AppFactory app)
        {
            var ours = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AppMetrics.MeterName && instrument.Meter.Scope == ours)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? code = null;
                foreach (var tag in tags)
                {
                    code = tag.Key == "code" ? tag.Value as string : code;
                }

                lock (_seen)
                {
                    _seen.Add((instrument.Name, value, code));
                }
            });
            _listener.Start();
        }

        /// <summary>Reads the observable instruments (the outbox depth) now.</summary>
        public void Observe() => _listener.RecordObservableInstruments();

        public List<(long Value, string? Code)> Of(string instrument)
        {
            lock (_seen)
            {
                return _seen.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Code)).ToList();
            }
        }

        public void Dispose() => _listener.Dispose();
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
