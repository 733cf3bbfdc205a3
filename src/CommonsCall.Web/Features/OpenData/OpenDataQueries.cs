using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.OpenData;

/// <summary>
/// A commons in the settled round. <see cref="Awarded"/> is the total plus the match when funded; a commons not
/// funded released its contributions to the members (<see cref="Released"/>) and keeps none.
/// <see cref="Contributions"/> lists who gave what, where the visibility rule lets the reader see it.
/// </summary>
public sealed record CommonsResult(
    Guid Id,
    string Title,
    CommonsStatus Status,
    bool Funded,
    long MinimumGoal,
    long MaximumGoal,
    long Total,
    long Match,
    long Awarded,
    long Released,
    IReadOnlyList<OrganisationAmount> Contributions);

/// <summary>What is left of one funder's money after settlement.</summary>
public sealed record FunderResult(Guid OrganisationId, string Name, long Pledged, long MatchingPledged, long UnspentPool, long UnmatchedPool);

/// <summary>The final results of a settled round, in minor units of <see cref="Currency"/>.</summary>
public sealed record CallResults(
    Guid CallId,
    string Slug,
    string Title,
    string Currency,
    CallPhase Phase,
    DateTimeOffset? SettledAt,
    long Pool,
    long MatchingPool,
    long Matched,
    long UnmatchedPool,
    int FundedCount,
    long FundedTotal,
    long ReleasedTotal,
    IReadOnlyList<CommonsResult> Commons,
    IReadOnlyList<FunderResult> Funders);

/// <summary>
/// Open data of public calls (DESIGN.md "Public data of public calls is readable without a token"): the final
/// results, and which call a challenge or a commons belongs to. Every read goes through the same visibility
/// check as the pages (<see cref="CallAccess.CanRead"/>): a members-only call is not found by outsiders.
/// </summary>
public sealed class OpenDataQueries(IDbContextFactory<AppDbContext> factory, BudgetQueries budget)
{
    /// <summary>The slug of the call a challenge belongs to, or null when there is no such challenge.</summary>
    public async Task<string?> CallOfChallengeAsync(Guid challengeId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Challenges.Where(c => c.Id == challengeId).Join(db.Calls, c => c.CallId, call => call.Id, (_, call) => call.Slug).SingleOrDefaultAsync(ct);
    }

    /// <summary>The slug of the call a commons belongs to, or null when there is no such commons.</summary>
    public async Task<string?> CallOfCommonsAsync(Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Commons.Where(c => c.Id == commonsId).Join(db.Calls, c => c.CallId, call => call.Id, (_, call) => call.Slug).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The final results once the round is settled (phase Results or later): <c>not_found</c> when the reader may
    /// not see the call, <c>results_not_published</c> before settlement.
    /// </summary>
    public async Task<Result<CallResults>> ResultsAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access) || !access.SeesMoney)
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (call.Phase < CallPhase.Results)
        {
            return new DomainError(ErrorCodes.ResultsNotPublished, "The results are published when the facilitator closes the budget round.");
        }

        // Settled: the rule shows every organisation's contributions to everyone now; it is still asked, in case it changes.
        var sight = access.ContributionSight(call);
        var commons = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == call.Id && (c.Status == CommonsStatus.Funded || c.Status == CommonsStatus.Delivered || c.Status == CommonsStatus.NotFunded))
            .OrderBy(c => c.Title)
            .ToListAsync(ct);
        var contributions = await (from c in db.Contributions.AsNoTracking()
                                   join o in db.Organisations on c.OrganisationId equals o.Id
                                   where c.CallId == call.Id && c.Amount > 0
                                   select new { c.CommonsId, Line = new OrganisationAmount(o.Id, o.Name, c.Amount) }).ToListAsync(ct);
        var results = commons.Select(c =>
        {
            var funded = c.Status is CommonsStatus.Funded or CommonsStatus.Delivered;
            return new CommonsResult(
                c.Id, c.Title, c.Status, funded, c.MinimumGoal, c.MaximumGoal, c.Total, c.Match, funded ? c.Total + c.Match : 0, c.Released,
                [.. contributions.Where(x => x.CommonsId == c.Id && sight.Sees(x.Line.OrganisationId)).Select(x => x.Line).OrderByDescending(x => x.Amount).ThenBy(x => x.OrganisationName, StringComparer.CurrentCulture)]);
        }).ToList();

        var pledges = await db.Pledges.AsNoTracking().Where(p => p.CallId == call.Id).ToListAsync(ct);
        var matchingPool = pledges.Where(p => p.IsMatching).Sum(p => p.Amount);
        var matched = results.Sum(r => r.Match);
        var funders = await budget.FunderUnspentAsync(actor, call.Id, ct) ?? [];
        var funded = results.Where(r => r.Funded).ToList();
        return new CallResults(
            call.Id, call.Slug, call.Title, call.Currency, call.Phase, call.SettledAt,
            pledges.Where(p => !p.IsMatching).Sum(p => p.Amount), matchingPool, matched, matchingPool - matched,
            funded.Count, funded.Sum(r => r.Awarded), results.Sum(r => r.Released),
            results,
            [.. funders.Select(f => new FunderResult(f.Funder.Id, f.Funder.Name, f.Unspent.Pledged, f.Unspent.MatchingPledged, f.Unspent.UnspentPool, f.Unspent.UnmatchedPool))]);
    }
}
