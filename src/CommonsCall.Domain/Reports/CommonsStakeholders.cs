using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.WorkingGroups;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Domain.Reports;

/// <summary>An answer written in one or more challenges (e.g. "Les collectivités"), with the challenges that gave it.</summary>
public sealed record StakeholderStatement(string Text, IReadOnlyList<Guid> ChallengeIds);

/// <summary>
/// Who pays, who uses and who benefits from one commons (DESIGN.md source method), from two sources: what the
/// challenges it answers say (their who pays / who uses / who benefits), and what organisations did (their
/// positionings and, where the viewer may see them, their contributions). Organisations are ids in the order
/// given.
/// </summary>
public sealed record CommonsStakeholders(
    Guid CommonsId,
    IReadOnlyList<StakeholderStatement> WhoPays,
    IReadOnlyList<StakeholderStatement> WhoUses,
    IReadOnlyList<StakeholderStatement> WhoBenefits,
    IReadOnlyList<Guid> Funders,
    IReadOnlyList<Guid> Producers,
    IReadOnlyList<Guid> Wanters,
    IReadOnlyList<Guid> Contributors)
{
    /// <summary>
    /// The stakeholders of <paramref name="commons"/>. Only the challenges it answers count, and not drafts;
    /// funders are the organisations giving it more than zero that <paramref name="sight"/> lets the viewer see;
    /// contributors declared skills, technical means or money in kind. Answers follow the challenges' questions
    /// in alphabetical order.
    /// </summary>
    public static CommonsStakeholders For(
        CommonsEntity commons,
        IEnumerable<Challenge> challenges,
        IEnumerable<Positioning> positionings,
        IEnumerable<Contribution> contributions,
        ContributionSight sight)
    {
        var answered = commons.Challenges.Select(c => c.ChallengeId).ToHashSet();
        var sources = challenges.Where(c => answered.Contains(c.Id) && c.Status != ChallengeStatus.Draft)
            .OrderBy(c => c.Question, StringComparer.CurrentCulture).ThenBy(c => c.Id)
            .ToList();
        var mine = positionings.Where(p => p.CommonsId == commons.Id).ToList();
        const PositioningKinds contributes = PositioningKinds.ContributesSkills | PositioningKinds.ContributesTechnicalMeans | PositioningKinds.ContributesMoneyInKind;

        return new CommonsStakeholders(
            commons.Id,
            Statements(sources, c => c.WhoPays),
            Statements(sources, c => c.WhoUses),
            Statements(sources, c => c.WhoBenefits),
            [.. contributions.Where(c => c.CommonsId == commons.Id && c.Amount > 0 && sight.Sees(c.OrganisationId)).Select(c => c.OrganisationId).Distinct()],
            [.. mine.Where(p => p.Produces).Select(p => p.OrganisationId).Distinct()],
            [.. mine.Where(p => p.Wants).Select(p => p.OrganisationId).Distinct()],
            [.. mine.Where(p => (p.Kinds & contributes) != 0).Select(p => p.OrganisationId).Distinct()]);
    }

    /// <summary>
    /// The same answer written in several challenges is listed once (compared without case or surrounding spaces),
    /// as the first challenge by question wrote it.
    /// </summary>
    private static IReadOnlyList<StakeholderStatement> Statements(IReadOnlyList<Challenge> challenges, Func<Challenge, string?> field) =>
        [.. challenges
            .Select(c => (Text: field(c)?.Trim(), c.Id))
            .Where(x => !string.IsNullOrEmpty(x.Text))
            .GroupBy(x => x.Text!, StringComparer.CurrentCultureIgnoreCase)
            .Select(g => new StakeholderStatement(g.First().Text!, [.. g.Select(x => x.Id)]))];
}
