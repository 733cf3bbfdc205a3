using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
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
/// The allocation of a call as one viewer may see it. <see cref="Organisations"/> lists every member for viewers
/// who may see who gives what, and only the viewer's own organisations otherwise.
/// </summary>
public sealed record DashboardView(
    Guid CallId, string Slug, string Title, string Currency, CallPhase Phase, bool RoundOpen, ContributionsVisibility Visibility,
    CallAccess Access, bool SeesTotals, bool SeesEveryone, DashboardTotals Totals, IReadOnlyList<DashboardCommons> Commons,
    IReadOnlyList<DashboardOrganisation> Organisations, IReadOnlyList<TimelinePoint> Timeline, DateTimeOffset AsOf);

/// <summary>
/// Reads the funders' and facilitators' dashboard (issue 5) from the totals the budget services keep up to date
/// (commons totals, member budgets, one row per contribution), never by re-adding the ledger; contributions over
/// time come from <see cref="ContributionTimeline"/>. The visibility rule is applied here, once, for the page, the
/// API and the exports.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<AppDbContext> factory, ContributionTimeline timeline, TimeProvider clock)
{
    /// <summary>
    /// The dashboard for facilitators, funders and members of the call; not_found when the viewer may not read the
    /// call, forbidden for readers who take no part in it.
    /// </summary>
    public async Task<Result<DashboardView>> DashboardAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        var access = await CallAccess.LoadAsync(db, call, actor, ct);
        if (!access.CanRead(call))
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (!(access.IsFacilitator || access.IsFunder || access.IsMember))
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
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.CallId == call.Id && c.Amount > 0)
            .Select(c => new { c.CommonsId, c.OrganisationId, c.Amount })
            .ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking()
            .Where(p => p.CallId == call.Id)
            .GroupBy(p => p.IsMatching)
            .Select(g => new { IsMatching = g.Key, Amount = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        var pool = pledges.Where(p => !p.IsMatching).Sum(p => p.Amount);
        var matchingPool = pledges.Where(p => p.IsMatching).Sum(p => p.Amount);

        // While the round is open, the match each commons would get if it closed now (the settlement's own rule).
        var estimates = seesTotals && matchingPool > 0 && call.Phase < CallPhase.Results
            ? Settlement.Settle(
                    commons.Select(c => new SettlementCommons(
                        c.Id, c.MinimumGoal, c.MaximumGoal,
                        contributions.Where(x => x.CommonsId == c.Id).ToDictionary(x => x.OrganisationId, x => x.Amount))),
                    matchingPool)
                .Commons.ToDictionary(o => o.CommonsId, o => o.Match)
            : null;
        var contributorCounts = contributions.GroupBy(c => c.CommonsId).ToDictionary(g => g.Key, g => g.Count());

        var commonsViews = commons
            .Select(c => new DashboardCommons(
                c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal,
                seesTotals ? c.Total : null,
                seesTotals ? FundingProgress.Of(c.Status, c.Total, c.MinimumGoal, c.MaximumGoal) : null,
                c.Released, c.Match,
                estimates?.GetValueOrDefault(c.Id),
                seesEveryone ? contributorCounts.GetValueOrDefault(c.Id) : null))
            .OrderByDescending(c => c.Total ?? 0).ThenBy(c => c.Title, StringComparer.CurrentCulture)
            .ToList();

        var titles = commons.ToDictionary(c => c.Id, c => c.Title);
        var giftsByOrganisation = contributions
            .Where(c => titles.ContainsKey(c.CommonsId))
            .GroupBy(c => c.OrganisationId)
            .ToDictionary(g => g.Key, g => g.Select(x => new DashboardGift(x.CommonsId, titles[x.CommonsId], x.Amount)).OrderByDescending(x => x.Amount).ToList());
        var organisations = budgets
            .Where(b => seesEveryone || access.Represents(b.Id))
            .Select(b => new DashboardOrganisation(b.Id, b.Name, b.Granted, b.OwnFunds, b.Contributed, giftsByOrganisation.GetValueOrDefault(b.Id) ?? []))
            .OrderByDescending(o => o.Contributed).ThenBy(o => o.Name, StringComparer.CurrentCulture)
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
            access, seesTotals, seesEveryone, totals, commonsViews, organisations,
            seesTotals ? await timeline.ReadAsync(call.Id, ct) : [],
            now);
    }
}
