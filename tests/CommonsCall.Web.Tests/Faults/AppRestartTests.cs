using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Faults;

/// <summary>An instance of the app on <paramref name="first"/>'s database that stops without waiting for its requests.</summary>
public sealed class AbruptInstance(AppFactory first) : AppFactory
{
    protected override bool OwnsDatabase => false;

    public override Task InitializeAsync()
    {
        ConnectionString = first.ConnectionString;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.Zero));
    }
}

/// <summary>
/// The app killed in the middle of a budget round (its host torn down with requests in flight, no grace
/// period) and started again on the same database: every contribution it answered 2xx is there, the others are
/// all or nothing, and the invariants and the ledger hold.
/// </summary>
public sealed class AppRestartTests(AppFactory app, ITestOutputHelper output) : IClassFixture<AppFactory>
{
    private const int Members = 6;
    private const int CommonsCount = 3;

    [Fact]
    public async Task An_app_killed_mid_round_loses_no_accepted_contribution()
    {
        var scenario = await BudgetScenario.CreateAsync(app, Members, Members * 100_000, null, [.. Enumerable.Repeat((10_000L, 10_000_000L), CommonsCount)]);
        await scenario.OpenRoundAsync();
        var tokens = new List<string>();
        foreach (var representative in scenario.Members)
        {
            tokens.Add(await ApiClient.TokenAsync(app, representative.User));
        }

        var doomed = new AbruptInstance(app);
        await doomed.InitializeAsync();
        var clients = tokens.Select(t => ApiClient.WithToken(doomed, t)).ToList();
        var answers = new ConcurrentBag<Answer>();
        var sequence = 0L;
        var workers = Enumerable.Range(0, Members).Select(m => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var commons = scenario.Commons[i % CommonsCount];
                var amount = 1_000L * ((i % 10) + 1);
                var order = Interlocked.Increment(ref sequence);
                try
                {
                    var response = await clients[m].PutAsJsonAsync($"/api/v1/calls/{scenario.Call.Slug}/contributions/{commons.Id}", new { organisationId = scenario.Members[m].Id, amount });
                    answers.Add(new Answer(m, commons.Id, amount, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), order));
                }
                catch (Exception ex) when (ex is HttpRequestException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or IOException)
                {
                    // The app died under this request: no answer.
                    answers.Add(new Answer(m, commons.Id, amount, 0, ex.GetType().Name, order));
                    return;
                }
            }
        })).ToList();

        while (answers.Count(a => a.Status == 200) < 8 * Members)
        {
            await Task.Delay(20);
        }

        await doomed.DisposeAsync();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        var restarted = new AbruptInstance(app);
        await restarted.InitializeAsync();
        (await restarted.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var all = answers.OrderBy(a => a.Order).ToList();
        output.WriteLine($"{all.Count} contributions sent: {all.Count(a => a.Status == 200)} accepted, {all.Count(a => a.Status is not (0 or 200))} other answers, {all.Count(a => a.Status == 0)} unanswered when the app died");
        (await scenario.VerifyLedgerAsync()).ShouldBeEmpty();
        await using (var db = await new TestData(restarted).DbAsync())
        {
            var stored = await db.Contributions.AsNoTracking().Where(c => c.CallId == scenario.Call.Id).ToListAsync();
            var ledger = await db.Ledger.AsNoTracking().Where(e => e.CallId == scenario.Call.Id && e.Kind == LedgerEntryKind.Contribution).ToListAsync();
            foreach (var pair in all.GroupBy(a => (a.Member, a.Commons)))
            {
                var organisation = scenario.Members[pair.Key.Member].Id;
                foreach (var accepted in pair.Where(a => a.Status == 200 && a.Body.Contains("\"changed\":true", StringComparison.Ordinal)))
                {
                    ledger.ShouldContain(e => e.OrganisationId == organisation && e.CommonsId == pair.Key.Commons && e.After == accepted.Amount, $"accepted {accepted}");
                }

                var amount = stored.SingleOrDefault(c => c.OrganisationId == organisation && c.CommonsId == pair.Key.Commons)?.Amount ?? 0;
                var lastAccepted = pair.LastOrDefault(a => a.Status == 200);
                var unanswered = (lastAccepted is null ? pair : pair.SkipWhile(a => a != lastAccepted)).Where(a => a.Status is not 200).Select(a => a.Amount);
                unanswered.Append(lastAccepted?.Amount ?? 0).ShouldContain(amount, $"member {pair.Key.Member} on {pair.Key.Commons}");
            }
        }

        // The restarted app takes contributions again.
        var member = scenario.Members[1];
        var after = await ApiClient.WithToken(restarted, tokens[1]).PutAsJsonAsync($"/api/v1/calls/{scenario.Call.Slug}/contributions/{scenario.Commons[0].Id}", new { organisationId = member.Id, amount = 12_345 });
        await after.ShouldBeOkAsync();
        (await scenario.VerifyLedgerAsync()).ShouldBeEmpty();
        await restarted.DisposeAsync();
    }

    private sealed record Answer(int Member, Guid Commons, long Amount, int Status, string Body, long Order);
}
