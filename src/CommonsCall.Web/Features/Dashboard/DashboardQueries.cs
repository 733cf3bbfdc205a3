using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>The money of the whole call. <see cref="Contributed"/> and <see cref="Unspent"/> are null when the visibility rule hides totals.</summary>
public sealed record DashboardTotals(long Pool, long MatchingPool, long Granted, long OwnFunds, long? Contributed, long? Unspent)
{
    /// <summary>Pledged to the pool but not granted to any member yet.</summary>
    public long Ungranted => Math.Max(0, Pool - Granted);
}

/// <summary>
/// One commons on the dashboard. <see cref="Total"/>, <see cref="State"/> and <see cref="EstimatedMatch"/> are null
/// when the viewer may not see totals; <see cref="Contributors"/> only when it may see who gives.
/// </summary>
public sealed record DashboardCommons(
    Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, long? Total, GoalState? State,
    long Released, long Match, long? EstimatedMatch, int? Contributors);

public sealed record DashboardGift(Guid CommonsId, string CommonsTitle, long Amount);

/// <summary>What one member organisation holds and gave, and to which commons.</summary>
public sealed record DashboardOrganisation(Guid Id, string Name, long Granted, long OwnFunds, long Contributed, IReadOnlyList<DashboardGift> Gifts)
{
    public long Available => Granted + OwnFunds - Contributed;
}

/// <summary>
/// The allocation of a call as one viewer may see it. <see cref="Organisations"/> lists the members this viewer
/// may see (every member when it may see who gives what, its own organisations otherwise), largest givers first,
/// up to the limit asked for; <see cref="OrganisationCount"/> says how many there are in all.
/// </summary>
public sealed record DashboardView(
    Guid CallId, string Slug, string Title, string Currency, CallPhase Phase, bool RoundOpen, ContributionsVisibility Visibility,
    CallAccess Access, bool SeesTotals, bool SeesEveryone, DashboardTotals Totals, IReadOnlyList<DashboardCommons> Commons,
    IReadOnlyList<DashboardOrganisation> Organisations, int OrganisationCount, IReadOnlyList<TimelinePoint> Timeline, DateTimeOffset AsOf);

/// <summary>
/// Reads the funders' and facilitators' dashboard (issue 5) from the totals the budget services keep up to date
/// (commons totals, member budgets, one row per contribution), never by re-adding the ledger; contributions over
/// time come from <see cref="ContributionTimeline"/>. The visibility rule is applied here, once, for the page, the
/// API and the exports.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<AppDbContext> factory, ContributionTimeline timeline, CommonsFigures figuresCache, TimeProvider clock)
{
    /// <summary>How many organisations the dashboard page lists before its reader asks for all of them.</summary>
    public const int OrganisationsShown = 50;

    /// <summary>
    /// The dashboard for facilitators, funders and members of the call; not_found when the viewer may not read the
    /// call, forbidden for readers who take no part in it.
    /// </summary>
    /// <param name="organisationLimit">How many organisations to list with their gifts (null: all, as exports need).</param>
    public async Task<Result<DashboardView>> DashboardAsync(Actor actor, string slug, int? organisationLimit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access))
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (!access.TakesPart)
        {
            return new DomainError(ErrorCodes.Forbidden, "The dashboard is for the call's facilitators, funders and members.");
        }

        var seesTotals = access.SeesCommonsTotals(call);
        var seesEveryone = access.SeesEveryContribution(call);

        var commons = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == call.Id && c.Status != CommonsStatus.Proposed && c.Status != CommonsStatus.Cancelled)
            .Select(c => new { c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal, c.Total, c.Released, c.Match })
            .ToListAsync(ct);
        var budgets = await (from b in db.MemberBudgets.AsNoTracking()
                             join o in db.Organisations on b.OrganisationId equals o.Id
                             where b.CallId == call.Id
                             select new { o.Id, o.Name, b.Granted, b.OwnFunds, b.Contributed }).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking()
            .Where(p => p.CallId == call.Id)
            .GroupBy(p => p.IsMatching)
            .Select(g => new { IsMatching = g.Key, Amount = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        var pool = pledges.Where(p => !p.IsMatching).Sum(p => p.Amount);
        var matchingPool = pledges.Where(p => p.IsMatching).Sum(p => p.Amount);

        // Contributor counts and match estimates need every contribution row: read once per change of the call's money.
        var estimating = seesTotals && matchingPool > 0 && !call.IsSettled;
        var figures = seesTotals || seesEveryone
            ? await figuresCache.ReadAsync(db, call.Id, commons.Select(c => new CommonsGoals(c.Id, c.MinimumGoal, c.MaximumGoal, c.Total)).ToList(), estimating ? matchingPool : null, ct)
            : new Dictionary<Guid, CommonsFigure>();

        var commonsViews = commons
            .Select(c => new DashboardCommons(
                c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal,
                seesTotals ? c.Total : null,
                seesTotals ? FundingProgress.Of(c.Status, c.Total, c.MinimumGoal, c.MaximumGoal) : null,
                c.Released, c.Match,
                estimating ? figures.GetValueOrDefault(c.Id)?.EstimatedMatch : null,
                seesEveryone ? figures.GetValueOrDefault(c.Id)?.Contributors ?? 0 : null))
            .OrderByDescending(c => c.Total ?? 0).ThenBy(c => c.Title, StringComparer.CurrentCulture)
            .ToList();

        // The organisations this viewer may see, largest givers first; gifts are read for the ones shown only.
        var visible = budgets
            .Where(b => seesEveryone || access.Represents(b.Id))
            .OrderByDescending(b => b.Contributed).ThenBy(b => b.Name, StringComparer.CurrentCulture)
            .ToList();
        var shown = visible.Take(organisationLimit ?? int.MaxValue).ToList();
        var shownIds = shown.Select(b => b.Id).ToList();
        var titles = commons.ToDictionary(c => c.Id, c => c.Title);
        var gifts = (await db.Contributions.AsNoTracking()
                .Where(c => c.CallId == call.Id && c.Amount > 0 && shownIds.Contains(c.OrganisationId))
                .Select(c => new { c.CommonsId, c.OrganisationId, c.Amount })
                .ToListAsync(ct))
            .Where(c => titles.ContainsKey(c.CommonsId))
            .GroupBy(c => c.OrganisationId)
            .ToDictionary(g => g.Key, g => g.Select(x => new DashboardGift(x.CommonsId, titles[x.CommonsId], x.Amount)).OrderByDescending(x => x.Amount).ToList());
        var organisations = shown
            .Select(b => new DashboardOrganisation(b.Id, b.Name, b.Granted, b.OwnFunds, b.Contributed, gifts.GetValueOrDefault(b.Id) ?? []))
            .ToList();

        var granted = budgets.Sum(b => b.Granted);
        var ownFunds = budgets.Sum(b => b.OwnFunds);
        var contributed = budgets.Sum(b => b.Contributed);
        var totals = new DashboardTotals(
            pool, matchingPool, granted, ownFunds,
            seesTotals ? contributed : null,
            seesTotals ? granted + ownFunds - contributed : null);

        var now = clock.GetUtcNow();
        return new DashboardView(
            call.Id, call.Slug, call.Title, call.Currency, call.Phase, call.IsRoundOpen(now), call.BudgetRules.ContributionsVisibility,
            access, seesTotals, seesEveryone, totals, commonsViews, organisations, visible.Count,
            seesTotals ? await timeline.ReadAsync(call.Id, ct) : [],
            now);
    }
}
