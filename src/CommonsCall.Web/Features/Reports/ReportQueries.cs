using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Reports;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Reports;

/// <summary>An answer of the challenges (who pays, uses or benefits), with the challenges that gave it.</summary>
public sealed record StatementView(string Text, IReadOnlyList<ChallengeRef> Challenges);

/// <summary>
/// Who pays, uses and benefits from one commons: what the challenges it answers say, and the organisations
/// that give it money (only those the viewer may see), produce it, want it or contribute to it.
/// </summary>
public sealed record CommonsStakeholdersView(
    Guid Id,
    string Title,
    CommonsStatus Status,
    IReadOnlyList<ChallengeRef> Challenges,
    IReadOnlyList<StatementView> WhoPays,
    IReadOnlyList<StatementView> WhoUses,
    IReadOnlyList<StatementView> WhoBenefits,
    IReadOnlyList<OrganisationRef> Funders,
    IReadOnlyList<OrganisationRef> Producers,
    IReadOnlyList<OrganisationRef> Wanters,
    IReadOnlyList<OrganisationRef> Contributors);

/// <summary>
/// A line of the ranked table. <see cref="CommonsFunded"/> and <see cref="AmountContributed"/> are null where
/// the call's visibility rule hides this organisation's contributions from the viewer.
/// </summary>
public sealed record InvolvementRow(
    int Rank,
    Guid OrganisationId,
    string Name,
    int Score,
    int Positionings,
    int? CommonsFunded,
    long? AmountContributed,
    int MilestonesDelivered,
    int ChallengesPublished,
    int ChallengesSupported);

/// <summary>
/// The reports of a call (DESIGN.md source method). <see cref="ContributionsHidden"/>: the visibility rule
/// hides other organisations' contributions from this viewer, so funders and amounts are only the viewer's own.
/// </summary>
public sealed record CallReport(
    CallHeader Call,
    bool ContributionsHidden,
    IReadOnlyList<CommonsStakeholdersView> Commons,
    IReadOnlyList<InvolvementRow> Organisations);

/// <summary>
/// The reports of a call, for its facilitators and the organisations taking part (joined members and funders):
/// who pays, uses and benefits per commons, and which organisations are most involved. Contributions follow the
/// call's visibility rule exactly as the funding pages do (<see cref="BudgetQueries"/>).
/// </summary>
public sealed class ReportQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The report, <c>not_found</c> when the caller may not see the call, <c>forbidden</c> when it takes no part in it.</summary>
    public async Task<Result<CallReport>> ForCallAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access))
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (!access.TakesPart)
        {
            return new DomainError(ErrorCodes.Forbidden, "The reports are for the call's facilitators and the organisations taking part in it.");
        }

        var sight = access.ContributionSight(call);
        var commons = await db.Commons.AsNoTracking().Include(c => c.Challenges)
            .Where(c => c.CallId == call.Id && c.Status != CommonsStatus.Cancelled)
            .OrderBy(c => c.Title)
            .ToListAsync(ct);
        var challenges = await db.Challenges.AsNoTracking().Include(c => c.Supporters).Where(c => c.CallId == call.Id).ToListAsync(ct);
        var positionings = await db.Positionings.AsNoTracking().Where(p => p.CallId == call.Id).ToListAsync(ct);
        var contributions = await db.Contributions.AsNoTracking().Where(c => c.CallId == call.Id && c.Amount > 0).ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking().Where(m => db.Commons.Any(c => c.Id == m.CommonsId && c.CallId == call.Id)).ToListAsync(ct);

        // The organisations that joined, plus any that left a trace: a positioning or a milestone outlives a departure.
        var published = challenges.Where(c => c.Status != ChallengeStatus.Draft).ToList();
        var joined = await db.Participants.AsNoTracking().Where(p => p.CallId == call.Id && p.State == InvitationState.Joined).Select(p => p.OrganisationId).ToListAsync(ct);
        var organisationIds = joined
            .Concat(positionings.Select(p => p.OrganisationId))
            .Concat(milestones.Select(m => m.OwnerOrganisationId))
            .Concat(published.Select(c => c.AuthorOrganisationId))
            .Concat(published.SelectMany(c => c.Supporters.Select(x => x.OrganisationId)))
            .Concat(contributions.Select(c => c.OrganisationId))
            .ToHashSet();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var questions = published.ToDictionary(c => c.Id, c => new ChallengeRef(c.Id, c.Question));

        OrganisationRef Org(Guid id) => new(id, names[id]);
        IReadOnlyList<OrganisationRef> Orgs(IEnumerable<Guid> ids) => [.. ids.Select(Org).OrderBy(o => o.Name, StringComparer.CurrentCulture)];
        IReadOnlyList<StatementView> Statements(IEnumerable<StakeholderStatement> statements) =>
            [.. statements.Select(s => new StatementView(s.Text, [.. s.ChallengeIds.Select(id => questions[id])]))];

        var stakeholders = commons.Select(c =>
        {
            var s = CommonsStakeholders.For(c, published, positionings, contributions, sight);
            return new CommonsStakeholdersView(
                c.Id, c.Title, c.Status,
                [.. c.Challenges.Where(x => questions.ContainsKey(x.ChallengeId)).Select(x => questions[x.ChallengeId]).OrderBy(x => x.Question, StringComparer.CurrentCulture)],
                Statements(s.WhoPays), Statements(s.WhoUses), Statements(s.WhoBenefits),
                Orgs(s.Funders), Orgs(s.Producers), Orgs(s.Wanters), Orgs(s.Contributors));
        }).ToList();

        var counted = InvolvementRanking.Count(organisationIds.Select(id => new ReportOrganisation(id, names[id])), positionings, contributions, milestones, published, sight);
        var ranking = InvolvementRanking.Rank(counted)
            .Select(r => new InvolvementRow(
                r.Rank, r.Involvement.Organisation.Id, r.Involvement.Organisation.Name, r.Involvement.Score, r.Involvement.Positionings,
                r.Involvement.CommonsFunded, r.Involvement.AmountContributed, r.Involvement.MilestonesDelivered, r.Involvement.ChallengesPublished, r.Involvement.ChallengesSupported))
            .ToList();

        return new CallReport(new CallHeader(call.Id, call.Slug, call.Title, call.Currency, call.Phase, access), !sight.Everyone, stakeholders, ranking);
    }
}
