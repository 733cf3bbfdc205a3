using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// The match a gift would bring, shown before it is made: <see cref="Match"/> is exact under proportional matching (what
/// the gift would reserve now; negative when it releases) and an estimate under quadratic matching
/// (<see cref="IsEstimate"/>: the change if the round closed now). <see cref="Match"/> is null when there is nothing to
/// preview: the call has no matching pool, or, under quadratic matching, the visibility rule hides from the viewer the
/// totals the estimate is made of.
/// </summary>
public sealed record MatchPreviewView(MatchingMode Mode, long? Match, bool IsEstimate);

/// <summary>
/// What <see cref="OrganisationId"/> asks before giving: the match if it set its contribution to the commons at
/// <see cref="Amount"/> (an absolute amount, as contributions are set; 0 previews withdrawing everything).
/// </summary>
public sealed record PreviewMatch(Guid CommonsId, Guid OrganisationId, long Amount);

public sealed class PreviewMatchValidator : AbstractValidator<PreviewMatch>
{
    public PreviewMatchValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Amount).InclusiveBetween(0, Amounts.Maximum).WithMessage(_ => l["matching.preview.amount.invalid"]);
}

/// <summary>Previews of matches (<see cref="MatchPreview"/>), read from the call's current figures.</summary>
public sealed class MatchPreviews(IDbContextFactory<AppDbContext> factory, IValidator<PreviewMatch> validator)
{
    public const string OnlyRepresentatives = "Only the representatives of a member organisation of the call preview the match its gifts would bring.";

    /// <summary>
    /// What the organisation giving the amount to the commons would bring. <c>not_found</c> when the caller may not see
    /// the call or the commons is not open to funding in it; <c>forbidden</c> unless the caller represents the
    /// organisation as a joined member of the call (the contribution's own rule 1: only those who may give preview).
    /// </summary>
    public async Task<Result<MatchPreviewView>> PreviewAsync(Actor actor, string slug, PreviewMatch query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access))
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (!access.Represents(query.OrganisationId))
        {
            return new DomainError(ErrorCodes.Forbidden, OnlyRepresentatives);
        }

        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var rules = call.BudgetRules;
        var commons = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == call.Id && c.Status == CommonsStatus.ApprovedForFunding)
            .Select(c => new { c.Id, c.MinimumGoal, c.MaximumGoal, c.Match })
            .ToListAsync(ct);
        if (commons.All(c => c.Id != query.CommonsId))
        {
            return new DomainError(ErrorCodes.NotFound, "No commons open to funding with this id in the call.");
        }

        var pool = await db.Pledges.Where(p => p.CallId == call.Id && p.IsMatching).SumAsync(p => p.Amount, ct);
        var nothing = new MatchPreviewView(rules.MatchingMode, null, IsEstimate: rules.MatchingMode != MatchingMode.Proportional);
        if (pool == 0)
        {
            return nothing;
        }

        if (rules.MatchingMode == MatchingMode.Proportional)
        {
            var mine = await db.Contributions.AsNoTracking().Where(c => c.CommonsId == query.CommonsId && c.OrganisationId == query.OrganisationId)
                .Select(c => new { c.Amount, c.Match }).SingleOrDefaultAsync(ct);
            var state = ProportionalState.Of(rules, pool, commons.Sum(c => c.Match), commons.Single(c => c.Id == query.CommonsId).Match, mine?.Match ?? 0);
            return new MatchPreviewView(MatchingMode.Proportional, MatchPreview.Proportional(state, mine?.Amount ?? 0, query.Amount), IsEstimate: false);
        }

        if (!access.SeesCommonsTotals(call))
        {
            return nothing;
        }

        var gifts = await db.Contributions.AsNoTracking().Where(c => c.CallId == call.Id && c.Amount > 0)
            .Select(c => new { c.CommonsId, c.OrganisationId, c.Amount }).ToListAsync(ct);
        var settling = commons.Select(c => new SettlementCommons(
            c.Id, c.MinimumGoal, c.MaximumGoal, gifts.Where(g => g.CommonsId == c.Id).ToDictionary(g => g.OrganisationId, g => g.Amount))).ToList();
        return new MatchPreviewView(MatchingMode.Quadratic, MatchPreview.Quadratic(settling, pool, rules, query.CommonsId, query.OrganisationId, query.Amount), IsEstimate: true);
    }
}
