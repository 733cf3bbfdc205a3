using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Dashboard;

/// <summary>The dashboard's figures against the ledger, and what each kind of viewer may see of them.</summary>
public sealed class DashboardQueriesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private DashboardQueries Dashboard => app.Services.GetRequiredService<DashboardQueries>();

    private async Task<DashboardView> SeenByAsync(BudgetScenario s, Actor viewer) =>
        (await Dashboard.DashboardAsync(viewer, s.Call.Slug, null)).Value.ShouldNotBeNull();

    [Fact]
    public async Task Every_aggregate_equals_what_the_ledger_sums_to_on_a_call_of_realistic_size()
    {
        var goals = Enumerable.Range(0, 20).Select(i => (Min: 20_000L + i * 5_000, Max: 60_000L + i * 10_000)).ToArray();
        var s = await BudgetScenario.CreateAsync(app, 40, 4_000_000, BudgetRules.Default with { MaxShareOfBalancePerCommons = 60 }, goals);
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 500_000, IsMatching: true))).Error.ShouldBeNull();
        (await s.Funds.SetOwnFundsAsync(s.Members[3].User, new SetOwnFunds(s.Call.Id, s.Members[3].Id, 25_000))).Error.ShouldBeNull();
        await s.OpenRoundAsync();

        // 1 200 changes from every member, eight at a time, some refused by the rules; the clock moves on so that the
        // timeline spans several minutes, some of them settled in its cache before the last changes.
        var random = new Random(20261122);
        var changes = Enumerable.Range(0, 1_200)
            .Select(_ => (Member: s.Members[random.Next(s.Members.Count)], Commons: s.Commons[random.Next(s.Commons.Count)], Amount: random.Next(0, 40) * 500L))
            .ToList();
        var accepted = 0;
        foreach (var batch in changes.Chunk(300))
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
            {
                if ((await s.ContributeAsync(c.Member, c.Commons, c.Amount)).IsSuccess)
                {
                    Interlocked.Increment(ref accepted);
                }
            });
            await SeenByAsync(s, s.Facilitator);
            app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        accepted.ShouldBeGreaterThan(300);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        await using var db = await new TestData(app).DbAsync();
        var ledger = await db.Ledger.AsNoTracking().Where(e => e.CallId == s.Call.Id).ToListAsync();
        long Sum(LedgerEntryKind kind) => ledger.Where(e => e.Kind == kind).Sum(e => e.Amount);
        var gifts = ledger.Where(e => e.Kind == LedgerEntryKind.Contribution)
            .GroupBy(e => (Organisation: e.OrganisationId!.Value, Commons: e.CommonsId!.Value))
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));

        var v = await SeenByAsync(s, s.Facilitator);
        v.Totals.Pool.ShouldBe(Sum(LedgerEntryKind.Pledge));
        v.Totals.MatchingPool.ShouldBe(Sum(LedgerEntryKind.MatchingPledge));
        v.Totals.Granted.ShouldBe(Sum(LedgerEntryKind.Grant));
        v.Totals.OwnFunds.ShouldBe(Sum(LedgerEntryKind.OwnFunds));
        v.Totals.Contributed.ShouldBe(Sum(LedgerEntryKind.Contribution));
        v.Totals.Unspent.ShouldBe(Sum(LedgerEntryKind.Grant) + Sum(LedgerEntryKind.OwnFunds) - Sum(LedgerEntryKind.Contribution));
        v.Totals.Ungranted.ShouldBe(Sum(LedgerEntryKind.Pledge) - Sum(LedgerEntryKind.Grant));

        v.Commons.Count.ShouldBe(20);
        foreach (var c in v.Commons)
        {
            var fromLedger = gifts.Where(g => g.Key.Commons == c.Id).Sum(g => g.Value);
            c.Total.ShouldBe(fromLedger, c.Title);
            c.Contributors.ShouldBe(gifts.Count(g => g.Key.Commons == c.Id && g.Value > 0), c.Title);
            c.State.ShouldBe(fromLedger >= c.MaximumGoal ? GoalState.MaximumReached : fromLedger >= c.MinimumGoal ? GoalState.MinimumReached : GoalState.BelowMinimum);
        }

        v.Commons.Select(c => c.Total).ShouldBeInOrder(SortDirection.Descending);
        v.Organisations.Count.ShouldBe(40);
        foreach (var o in v.Organisations)
        {
            o.Contributed.ShouldBe(ledger.Where(e => e.Kind == LedgerEntryKind.Contribution && e.OrganisationId == o.Id).Sum(e => e.Amount), o.Name);
            o.Gifts.Sum(g => g.Amount).ShouldBe(o.Contributed);
            foreach (var g in o.Gifts)
            {
                g.Amount.ShouldBe(gifts[(o.Id, g.CommonsId)]);
            }
        }

        // The match estimate is what settling now would give, computed from the ledger's per-organisation sums.
        var settledNow = Settlement.Settle(
            v.Commons.Select(c => new SettlementCommons(c.Id, c.MinimumGoal, c.MaximumGoal,
                gifts.Where(g => g.Key.Commons == c.Id && g.Value > 0).ToDictionary(g => g.Key.Organisation, g => g.Value))),
            Sum(LedgerEntryKind.MatchingPledge));
        foreach (var outcome in settledNow.Commons)
        {
            v.Commons.Single(c => c.Id == outcome.CommonsId).EstimatedMatch.ShouldBe(outcome.Match);
        }

        settledNow.Matched.ShouldBeGreaterThan(0);

        // The page lists the largest givers first and reads the gifts of those it shows only.
        var page = (await Dashboard.DashboardAsync(s.Facilitator, s.Call.Slug, 10)).Value.ShouldNotBeNull();
        page.OrganisationCount.ShouldBe(40);
        page.Organisations.Select(o => o.Id).ShouldBe(v.Organisations.Take(10).Select(o => o.Id));
        page.Organisations.ShouldAllBe(o => o.Gifts.Sum(g => g.Amount) == o.Contributed);
        page.Commons.ShouldBe(v.Commons);

        // Contributions over time: rising from zero to the total, ending now.
        v.Timeline.Count.ShouldBeGreaterThan(2);
        v.Timeline[0].Contributed.ShouldBe(0);
        v.Timeline[^1].Contributed.ShouldBe(Sum(LedgerEntryKind.Contribution));
        v.Timeline[^1].At.ShouldBe(app.Clock.GetUtcNow());
        v.Timeline.Select(p => p.At).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task After_closing_the_state_and_match_are_the_settled_ones()
    {
        var s = await BudgetScenario.CreateAsync(app, 3, 300_000, null, (10_000, 50_000), (80_000, 90_000));
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 10_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 9_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[2], s.Commons[0], 4_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[1], s.Commons[1], 5_000)).Error.ShouldBeNull();
        (await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id))).Error.ShouldBeNull();

        var v = await SeenByAsync(s, s.Members[2].User);
        v.RoundOpen.ShouldBeFalse();
        var funded = v.Commons.Single(c => c.Id == s.Commons[0].Id);
        funded.State.ShouldBe(GoalState.Funded);
        funded.EstimatedMatch.ShouldBeNull();
        funded.Match.ShouldBe((await s.ReloadAsync(s.Commons[0])).Match);
        funded.Match.ShouldBeGreaterThan(0);
        var notFunded = v.Commons.Single(c => c.Id == s.Commons[1].Id);
        notFunded.State.ShouldBe(GoalState.NotFunded);
        notFunded.Released.ShouldBe(5_000);
        v.SeesEveryone.ShouldBeTrue();
    }

    [Fact]
    public async Task Under_Hidden_a_member_sees_only_its_own_organisation_and_no_totals()
    {
        var s = await RoundAsync(ContributionsVisibility.Hidden);

        var member = await SeenByAsync(s, s.Members[1].User);
        member.SeesTotals.ShouldBeFalse();
        member.Totals.Contributed.ShouldBeNull();
        member.Totals.Unspent.ShouldBeNull();
        member.Commons.ShouldAllBe(c => c.Total == null && c.State == null && c.Contributors == null && c.EstimatedMatch == null);
        member.Timeline.ShouldBeEmpty();
        member.Organisations.ShouldHaveSingleItem().Id.ShouldBe(s.Members[1].Id);
        member.Organisations[0].Gifts.ShouldHaveSingleItem().Amount.ShouldBe(12_300);

        var funder = await SeenByAsync(s, s.Funder.User);
        funder.Organisations.ShouldBeEmpty();
        funder.Commons.ShouldAllBe(c => c.Total == null);

        var facilitator = await SeenByAsync(s, s.Facilitator);
        facilitator.Organisations.Count.ShouldBe(3);
        facilitator.Commons.Single(c => c.Id == s.Commons[0].Id).Total.ShouldBe(12_300 + 7_000);
    }

    [Fact]
    public async Task Under_TotalsOnly_totals_show_but_not_who_gave_them()
    {
        var s = await RoundAsync(ContributionsVisibility.TotalsOnly);

        var member = await SeenByAsync(s, s.Members[0].User);
        var funder = await SeenByAsync(s, s.Funder.User);
        foreach (var v in new[] { member, funder })
        {
            v.Commons.Single(c => c.Id == s.Commons[0].Id).Total.ShouldBe(19_300);
            v.Commons.ShouldAllBe(c => c.Contributors == null);
            v.Totals.Contributed.ShouldBe(19_300);
        }

        member.Organisations.ShouldHaveSingleItem().Id.ShouldBe(s.Members[0].Id);
        funder.Organisations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Live_shows_every_organisation_to_members_and_funders()
    {
        var s = await RoundAsync(ContributionsVisibility.Live);
        foreach (var viewer in new[] { s.Members[0].User, s.Funder.User })
        {
            var v = await SeenByAsync(s, viewer);
            v.Organisations.Count.ShouldBe(3);
            v.Organisations.Single(o => o.Id == s.Members[2].Id).Gifts.ShouldHaveSingleItem().Amount.ShouldBe(7_000);
        }
    }

    [Fact]
    public async Task People_outside_the_call_may_not_open_its_dashboard()
    {
        var s = await RoundAsync(ContributionsVisibility.Live);
        var outsider = await new TestData(app).UserAsync();

        (await Dashboard.DashboardAsync(outsider, s.Call.Slug, null)).Error.ShouldNotBeNull().Code.ShouldBe(ErrorCodes.Forbidden);
        (await Dashboard.DashboardAsync(Actor.Anonymous, s.Call.Slug, null)).Error.ShouldNotBeNull().Code.ShouldBe(ErrorCodes.Forbidden);
        (await Dashboard.DashboardAsync(s.Facilitator, "no-such-call", null)).Error.ShouldNotBeNull().Code.ShouldBe(ErrorCodes.NotFound);

        var hidden = await new TestData(app).CallAsync(CallVisibility.MembersOnly, s.Facilitator);
        (await Dashboard.DashboardAsync(outsider, hidden.Slug, null)).Error.ShouldNotBeNull().Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_timeline_keeps_settled_minutes_and_still_counts_every_later_change()
    {
        var s = await BudgetScenario.CreateAsync(app, 3, 150_000, null, (10_000, 90_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 10_000)).Error.ShouldBeNull();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await SeenByAsync(s, s.Facilitator)).Timeline[^1].Contributed.ShouldBe(10_000);

        (await s.ContributeAsync(s.Members[2], s.Commons[0], 5_000)).Error.ShouldBeNull();
        (await SeenByAsync(s, s.Facilitator)).Timeline[^1].Contributed.ShouldBe(15_000);

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 4_000)).Error.ShouldBeNull();
        var timeline = (await SeenByAsync(s, s.Facilitator)).Timeline;
        timeline[^1].Contributed.ShouldBe(9_000);
        timeline.ShouldContain(p => p.Contributed == 15_000);
        timeline.ShouldContain(p => p.Contributed == 10_000);
    }

    private async Task<BudgetScenario> RoundAsync(ContributionsVisibility visibility)
    {
        var s = await BudgetScenario.CreateAsync(app, 3, 300_000, BudgetRules.Default with { ContributionsVisibility = visibility }, (10_000, 100_000), (5_000, 50_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 12_300)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[2], s.Commons[0], 7_000)).Error.ShouldBeNull();
        return s;
    }
}
