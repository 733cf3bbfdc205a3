using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Access;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommonsCall.Web.Tests.Dashboard;

/// <summary>
/// The per-call snapshot every open dashboard shares (issue 17): patched by the change events, it must hold what a
/// fresh read of the database holds, even after a burst of concurrent changes or an announcement that never arrived,
/// and each viewer's projection of it must hold only what that viewer may see.
/// </summary>
public sealed class CallSnapshotsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private CallSnapshots Snapshots => app.Services.GetRequiredService<CallSnapshots>();

    /// <summary>Every figure the dashboard shows of a snapshot, for the facilitator, in a form two snapshots can be compared by.</summary>
    private static string Figures(CallSnapshot snapshot, CallAccess facilitator)
    {
        var v = snapshot.ViewFor(facilitator, null, snapshot.AsOf);
        return string.Join('\n', [
            $"totals {v.Totals}",
            .. v.Commons.OrderBy(c => c.Id).Select(c => $"commons {c.Id} {c.Total} {c.State} {c.Contributors} {c.EstimatedMatch}"),
            .. v.Organisations.OrderBy(o => o.Id).Select(o => $"organisation {o.Id} {o.Contributed} {o.Available} {string.Join(',', o.Gifts.OrderBy(g => g.CommonsId).Select(g => $"{g.CommonsId}={g.Amount}"))}"),
            $"contributed over time {v.Timeline.LastOrDefault()?.Contributed}",
        ]);
    }

    /// <summary>The call's row version, as a reader that checked the viewer's access has just read it.</summary>
    private async Task<uint> CallVersionAsync(BudgetScenario s)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Calls.Where(c => c.Id == s.Call.Id).Select(c => c.Version).SingleAsync();
    }

    private async Task<CallAccess> AccessAsync(BudgetScenario s, Actor viewer)
    {
        await using var db = await new TestData(app).DbAsync();
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleAsync(c => c.Id == s.Call.Id);
        return await CallAccess.LoadAsync(db, call, viewer, CancellationToken.None);
    }

    private static async Task<BudgetScenario> RoundAsync(AppFactory app, ContributionsVisibility visibility, int members)
    {
        var s = await BudgetScenario.CreateAsync(app, members, 200_000L * members, BudgetRules.Default with { ContributionsVisibility = visibility },
            (20_000, 400_000), (10_000, 300_000), (5_000, 1_000_000), (30_000, 500_000));
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 100_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        return s;
    }

    [Fact]
    public async Task After_a_burst_of_concurrent_contributions_the_shared_snapshot_equals_a_fresh_read_of_the_database()
    {
        var s = await RoundAsync(app, ContributionsVisibility.Live, 16);
        var facilitator = await AccessAsync(s, s.Facilitator);
        var first = await Snapshots.ReadAsync(s.Call.Id, await CallVersionAsync(s));
        var patched = 0;
        using var following = Snapshots.Follow(s.Call.Id, snapshot => Interlocked.Add(ref patched, snapshot.Rebuilt ? 0 : 1));

        // 240 changes from 16 members at once, some refused by the rules (above the maximum goal or the balance).
        var random = new Random(17);
        var changes = Enumerable.Range(0, 240).Select(_ => (Member: s.Members[random.Next(s.Members.Count)], Commons: s.Commons[random.Next(s.Commons.Count)], Amount: random.Next(0, 60) * 1_000L)).ToList();
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) => await s.ContributeAsync(c.Member, c.Commons, c.Amount));
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        // A read waits until the snapshot holds every committed change (the announcements on their way), then compares.
        var shared = await Snapshots.ReadAsync(s.Call.Id, await CallVersionAsync(s));
        var fresh = await Snapshots.BuildAsync(s.Call.Id);
        Figures(shared, facilitator).ShouldBe(Figures(fresh, facilitator));
        Figures(first, facilitator).ShouldNotBe(Figures(fresh, facilitator), "the burst changed the figures");
        patched.ShouldBeGreaterThan(0, "the announcements patched the snapshot rather than rebuilding it each time");
    }

    [Fact]
    public async Task Reads_with_nothing_new_share_one_snapshot_instead_of_aggregating_again()
    {
        var s = await RoundAsync(app, ContributionsVisibility.Live, 3);
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 4_000)).Error.ShouldBeNull();
        var dashboard = app.Services.GetRequiredService<DashboardQueries>();

        var first = (await dashboard.SightAsync(s.Facilitator, s.Call.Slug)).Value.ShouldNotBeNull().Snapshot;
        var second = (await dashboard.SightAsync(s.Members[2].User, s.Call.Slug)).Value.ShouldNotBeNull().Snapshot;

        second.ShouldBeSameAs(first);
    }

    [Fact]
    public async Task A_snapshot_that_missed_the_announcements_is_rebuilt_by_the_version_check()
    {
        var s = await RoundAsync(app, ContributionsVisibility.Live, 4);
        var facilitator = await AccessAsync(s, s.Facilitator);

        // An instance whose listener hears nothing: every announcement is missed.
        using var deaf = new CallSnapshots(
            app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), app.Services.GetRequiredService<SnapshotRows>(),
            new ContributionEvents(), app.Clock, NullLogger<CallSnapshots>.Instance);
        var published = new List<CallSnapshot>();
        using var following = deaf.Follow(s.Call.Id, snapshot => { lock (published) { published.Add(snapshot); } });
        var before = await deaf.ReadAsync(s.Call.Id, await CallVersionAsync(s));

        (await s.ContributeAsync(s.Members[1], s.Commons[0], 12_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[2], s.Commons[1], 8_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 3_000)).Error.ShouldBeNull();

        await deaf.VerifyAsync(s.Call.Id);

        var fresh = await deaf.BuildAsync(s.Call.Id);
        CallSnapshot last;
        lock (published)
        {
            last = published[^1];
        }

        last.Sequence.ShouldBeGreaterThan(before.Sequence);
        Figures(last, facilitator).ShouldBe(Figures(fresh, facilitator));
        Figures(before, facilitator).ShouldNotBe(Figures(fresh, facilitator));
        last.ViewFor(facilitator, null, last.AsOf).Totals.Contributed.ShouldBe(3_000 + 8_000, "the member set its gift to 3,000 after 12,000");
    }

    [Fact]
    public async Task Under_Hidden_a_member_projection_of_the_live_snapshot_holds_only_its_own_organisation()
    {
        var s = await RoundAsync(app, ContributionsVisibility.Hidden, 3);
        var viewer = s.Members[1];
        var access = await AccessAsync(s, viewer.User);
        await Snapshots.ReadAsync(s.Call.Id, await CallVersionAsync(s));
        var seen = new List<DashboardView>();
        using var following = Snapshots.Follow(s.Call.Id, snapshot => { lock (seen) { seen.Add(snapshot.ViewFor(access, DashboardQueries.OrganisationsShown, snapshot.AsOf)); } });

        (await s.ContributeAsync(s.Members[2], s.Commons[0], 76_543)).Error.ShouldBeNull();
        (await s.ContributeAsync(viewer, s.Commons[0], 12_300)).Error.ShouldBeNull();
        var latest = await Snapshots.ReadAsync(s.Call.Id, await CallVersionAsync(s));
        lock (seen)
        {
            seen.Add(latest.ViewFor(access, DashboardQueries.OrganisationsShown, latest.AsOf));
        }

        seen[^1].Organisations.ShouldHaveSingleItem().Gifts.ShouldHaveSingleItem().Amount.ShouldBe(12_300);
        foreach (var v in seen)
        {
            v.SeesTotals.ShouldBeFalse();
            v.Totals.Contributed.ShouldBeNull();
            v.Timeline.ShouldBeEmpty();
            v.Commons.ShouldAllBe(c => c.Total == null && c.State == null && c.Contributors == null && c.EstimatedMatch == null);
            v.Organisations.ShouldAllBe(o => o.Id == viewer.Id);
            v.OrganisationCount.ShouldBeLessThanOrEqualTo(1);
        }
    }
}
