using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// The match a gift would bring, shown before it is made: <see cref="Match"/> is exact under proportional matching (what
/// the gift would reserve now; negative when it releases) and an estimate under quadratic matching
/// (<see cref="IsEstimate"/>: the change if the round closed now).
/// </summary>
public sealed record MatchPreviewView(MatchingMode Mode, long Match, bool IsEstimate);

/// <summary>Previews of matches (<see cref="MatchPreview"/>), read from the call's current figures.</summary>
public sealed class MatchPreviews(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>
    /// What <paramref name="organisationId"/> giving <paramref name="amount"/> to the commons would bring; null when there is
    /// nothing to preview (no matching pool, an unknown commons), when the viewer does not represent the organisation,
    /// or, under quadratic matching, while the visibility rule hides the totals the estimate is made of.
    /// </summary>
    public async Task<MatchPreviewView?> PreviewAsync(Actor actor, string slug, Guid commonsId, Guid organisationId, long amount, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access) || !access.Represents(organisationId) || !Amounts.IsValid(amount))
        {
            return null;
        }

        var rules = call.BudgetRules;
        var pool = await db.Pledges.Where(p => p.CallId == call.Id && p.IsMatching).SumAsync(p => p.Amount, ct);
        var commons = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == call.Id && c.Status == CommonsStatus.ApprovedForFunding)
            .Select(c => new { c.Id, c.MinimumGoal, c.MaximumGoal, c.Match })
            .ToListAsync(ct);
        if (pool == 0 || commons.All(c => c.Id != commonsId))
        {
            return null;
        }

        if (rules.MatchingMode == MatchingMode.Proportional)
        {
            var mine = await db.Contributions.AsNoTracking().Where(c => c.CommonsId == commonsId && c.OrganisationId == organisationId)
                .Select(c => new { c.Amount, c.Match }).SingleOrDefaultAsync(ct);
            var state = ProportionalState.Of(rules, pool, commons.Sum(c => c.Match), commons.Single(c => c.Id == commonsId).Match, mine?.Match ?? 0);
            return new MatchPreviewView(MatchingMode.Proportional, MatchPreview.Proportional(state, mine?.Amount ?? 0, amount), IsEstimate: false);
        }

        if (!access.SeesCommonsTotals(call))
        {
            return null;
        }

        var gifts = await db.Contributions.AsNoTracking().Where(c => c.CallId == call.Id && c.Amount > 0)
            .Select(c => new { c.CommonsId, c.OrganisationId, c.Amount }).ToListAsync(ct);
        var settling = commons.Select(c => new SettlementCommons(
            c.Id, c.MinimumGoal, c.MaximumGoal, gifts.Where(g => g.CommonsId == c.Id).ToDictionary(g => g.OrganisationId, g => g.Amount))).ToList();
        return new MatchPreviewView(MatchingMode.Quadratic, MatchPreview.Quadratic(settling, pool, rules, commonsId, organisationId, amount), IsEstimate: true);
    }
}
