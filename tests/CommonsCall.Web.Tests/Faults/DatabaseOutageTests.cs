using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Faults;

/// <summary>The real app on a PostgreSQL cluster of its own, which the tests stop and start again.</summary>
public sealed class OutageApp : AppFactory, IAsyncLifetime
{
    public DedicatedPostgres Postgres { get; private set; } = default!;

    protected override bool OwnsDatabase => false;

    public override async Task InitializeAsync()
    {
        Postgres = await DedicatedPostgres.StartAsync();
        ConnectionString = Postgres.ConnectionString;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>
/// PostgreSQL stopped in the middle of a burst of contributions, then started again: the requests meanwhile
/// fail with a 503 <c>database_unavailable</c> problem (the pages with a message), nothing is half-written,
/// readiness goes back to healthy by itself and the budget invariants and the ledger still hold.
/// </summary>
public sealed class DatabaseOutageTests(OutageApp app, ITestOutputHelper output) : IClassFixture<OutageApp>
{
    private const int Members = 6;
    private const int CommonsCount = 4;

    [Fact]
    public async Task A_database_stopped_during_a_burst_of_contributions_gives_503s_then_the_app_recovers_with_the_ledger_intact()
    {
        var api = await BudgetApi.CreateAsync(app, Members, Members * 100_000, null, [.. Enumerable.Repeat((10_000L, 10_000_000L), CommonsCount)]);
        await api.Scenario.OpenRoundAsync();
        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, Members).Select(m => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var commons = api.Scenario.Commons[i % CommonsCount];
                var amount = 1_000L * ((i % 10) + 1);
                var started = Stopwatch.GetTimestamp();
                var response = await api.Members[m].PutAsJsonAsync(api.ContributionUrl(commons), new { organisationId = api.Scenario.Members[m].Id, amount });
                var body = await response.Content.ReadAsStringAsync();
                answers.Add(new Answer(m, commons.Id, amount, (int)response.StatusCode, body, started));
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await Task.Delay(50);
                }
            }
        })).ToList();

        await AcceptedAsync(answers, since: 0, count: 3 * Members);
        var stopping = Stopwatch.GetTimestamp();
        await app.Postgres.StopAsync();
        await Task.Delay(1_000);

        // Down: the API answers 503 problems, readiness says unhealthy, a page says so in words.
        var anonymous = ApiClient.Anonymous(app);
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await (await anonymous.GetAsync($"/api/v1/calls/{api.Call.Slug}/funding")).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.DatabaseUnavailable);
        var html = await (await anonymous.GetAsync($"/calls/{api.Call.Slug}")).Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        page.QuerySelector("[data-testid=database-unavailable]")!.TextContent.ShouldContain("La base de données est momentanément indisponible");

        await app.Postgres.StartAgainAsync();
        var restarted = Stopwatch.GetTimestamp();

        // Up again: readiness comes back by itself, and contributions are accepted again.
        var ready = Stopwatch.StartNew();
        while ((await anonymous.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            ready.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "readiness did not come back");
            await Task.Delay(200);
        }

        await AcceptedAsync(answers, since: restarted, count: 3 * Members);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = answers.OrderBy(a => a.Started).ToList();
        output.WriteLine($"{all.Count} contributions sent: {all.Count(a => a.Status == 200)} accepted, {all.Count(a => a.Status == 503)} answered 503, " +
                         $"{all.Count(a => a.Status == 422)} refused by a budget rule; readiness back {ready.ElapsedMilliseconds} ms after the restart");
        all.Where(a => a.Status is not (200 or 422 or 503)).ShouldBeEmpty();
        all.Where(a => a.Status == 503).ShouldAllBe(a => a.Body.Contains($"\"code\":\"{ErrorCodes.DatabaseUnavailable}\""));
        all.Count(a => a.Status == 503).ShouldBeGreaterThan(0);
        all.Count(a => a.Status == 200 && a.Started < stopping).ShouldBeGreaterThan(0);
        all.Count(a => a.Status == 200 && a.Started > restarted).ShouldBeGreaterThan(0);

        // Nothing half-written: the invariants and the ledger hold, and each contribution is the last one
        // accepted for it (or one sent after it whose answer was lost with the connection).
        (await api.Scenario.VerifyLedgerAsync()).ShouldBeEmpty();
        await using var db = await new Support.TestData(app).DbAsync();
        var stored = await db.Contributions.AsNoTracking().Where(c => c.CallId == api.Call.Id).ToListAsync();
        var ledger = await db.Ledger.AsNoTracking().Where(e => e.CallId == api.Call.Id && e.Kind == Domain.Budgeting.LedgerEntryKind.Contribution).ToListAsync();
        foreach (var pair in all.GroupBy(a => (a.Member, a.Commons)))
        {
            var organisation = api.Scenario.Members[pair.Key.Member].Id;
            var amount = stored.SingleOrDefault(c => c.OrganisationId == organisation && c.CommonsId == pair.Key.Commons)?.Amount ?? 0;
            var lastAccepted = pair.LastOrDefault(a => a.Status == 200);
            var possible = (lastAccepted is null ? pair : pair.SkipWhile(a => a != lastAccepted)).Where(a => a.Status == 503).Select(a => a.Amount).Append(lastAccepted?.Amount ?? 0);
            possible.ShouldContain(amount, $"member {pair.Key.Member} on {pair.Key.Commons}");
            foreach (var accepted in pair.Where(a => a.Status == 200 && a.Body.Contains("\"changed\":true")))
            {
                ledger.ShouldContain(e => e.OrganisationId == organisation && e.CommonsId == pair.Key.Commons && e.After == accepted.Amount);
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> contributions sent after <paramref name="since"/> were accepted.</summary>
    private static async Task AcceptedAsync(ConcurrentBag<Answer> answers, long since, int count)
    {
        var waited = Stopwatch.StartNew();
        while (answers.Count(a => a.Status == 200 && a.Started > since) < count)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "contributions are not accepted");
            await Task.Delay(100);
        }
    }

    private sealed record Answer(int Member, Guid Commons, long Amount, int Status, string Body, long Started);
}
