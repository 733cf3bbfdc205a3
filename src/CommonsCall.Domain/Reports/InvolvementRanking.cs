using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.WorkingGroups;

namespace CommonsCall.Domain.Reports;

/// <summary>An organisation of the report: its id and the name shown.</summary>
public sealed record ReportOrganisation(Guid Id, string Name);

/// <summary>
/// What one organisation did for the commons of a call, as one viewer may see it. <see cref="CommonsFunded"/>
/// and <see cref="AmountContributed"/> are null when the visibility rule hides this organisation's
/// contributions from the viewer.
/// </summary>
public sealed record OrganisationInvolvement(
    ReportOrganisation Organisation,
    int Positionings,
    int? CommonsFunded,
    long? AmountContributed,
    int MilestonesDelivered,
    int ChallengesPublished,
    int ChallengesSupported)
{
    /// <summary>One point per positioning, commons funded, milestone delivered, challenge published and challenge supported.</summary>
    public int Score => Positionings + (CommonsFunded ?? 0) + MilestonesDelivered + ChallengesPublished + ChallengesSupported;
}

/// <summary>A line of the ranked table; organisations that tie on score and amount share a rank (1, 2, 2, 4).</summary>
public sealed record RankedInvolvement(int Rank, OrganisationInvolvement Involvement);

/// <summary>
/// Which organisations are most involved in the commons of a call (DESIGN.md source method), the one place
/// where that is counted and ranked:
/// <list type="bullet">
/// <item>a positioning is a declaration (produces, wants or contributes) on one commons;</item>
/// <item>a commons funded is a commons the organisation currently gives money to (more than zero; after
/// settlement only funded commons keep contributions), and the amount is the sum of those contributions,
/// both only where the viewer may see this organisation's contributions;</item>
/// <item>a milestone delivered is a milestone marked done that the organisation owns;</item>
/// <item>a challenge published is one it wrote that is no longer a draft; a challenge supported is one it supports.</item>
/// </list>
/// Organisations are ranked by score (one point for each of the above), then by the amount contributed that
/// the viewer may see, then by name. Money breaks ties only: involvement counts, not wealth.
/// </summary>
public static class InvolvementRanking
{
    /// <summary>Counts what each listed organisation did; facts about organisations not listed are left out.</summary>
    public static IReadOnlyList<OrganisationInvolvement> Count(
        IEnumerable<ReportOrganisation> organisations,
        IEnumerable<Positioning> positionings,
        IEnumerable<Contribution> contributions,
        IEnumerable<Milestone> milestones,
        IEnumerable<Challenge> challenges,
        ContributionSight sight)
    {
        var declared = positionings.Where(p => p.Kinds != PositioningKinds.None)
            .GroupBy(p => p.OrganisationId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.CommonsId).Distinct().Count());
        var given = contributions.Where(c => c.Amount > 0)
            .GroupBy(c => c.OrganisationId)
            .ToDictionary(g => g.Key, g => (Commons: g.Select(c => c.CommonsId).Distinct().Count(), Amount: g.Sum(c => c.Amount)));
        var delivered = milestones.Where(m => m.IsDone)
            .GroupBy(m => m.OwnerOrganisationId)
            .ToDictionary(g => g.Key, g => g.Count());
        var visibleChallenges = challenges.Where(c => c.Status != ChallengeStatus.Draft).ToList();
        var published = visibleChallenges.GroupBy(c => c.AuthorOrganisationId).ToDictionary(g => g.Key, g => g.Count());
        var supported = visibleChallenges.SelectMany(c => c.Supporters).GroupBy(s => s.OrganisationId).ToDictionary(g => g.Key, g => g.Count());

        return organisations.DistinctBy(o => o.Id).Select(o =>
        {
            var sees = sight.Sees(o.Id);
            var money = given.GetValueOrDefault(o.Id);
            return new OrganisationInvolvement(
                o,
                declared.GetValueOrDefault(o.Id),
                sees ? money.Commons : null,
                sees ? money.Amount : null,
                delivered.GetValueOrDefault(o.Id),
                published.GetValueOrDefault(o.Id),
                supported.GetValueOrDefault(o.Id));
        }).ToList();
    }

    /// <summary>Ranks by score, then visible amount (hidden counts as nothing), then name; equal score and amount share a rank.</summary>
    public static IReadOnlyList<RankedInvolvement> Rank(IEnumerable<OrganisationInvolvement> organisations)
    {
        var ordered = organisations
            .OrderByDescending(o => o.Score)
            .ThenByDescending(o => o.AmountContributed ?? 0)
            .ThenBy(o => o.Organisation.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(o => o.Organisation.Id)
            .ToList();

        var ranked = new List<RankedInvolvement>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var tiesPrevious = i > 0 && ordered[i].Score == ordered[i - 1].Score && (ordered[i].AmountContributed ?? 0) == (ordered[i - 1].AmountContributed ?? 0);
            ranked.Add(new RankedInvolvement(tiesPrevious ? ranked[i - 1].Rank : i + 1, ordered[i]));
        }

        return ranked;
    }
}
