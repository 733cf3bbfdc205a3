using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Reports;
using CommonsCall.Domain.WorkingGroups;

namespace CommonsCall.Domain.Tests;

/// <summary>Which organisations are most involved in the commons of a call: what counts, and how they are ranked.</summary>
public class InvolvementRankingTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly ReportOrganisation Covoit = new(Guid.NewGuid(), "Covoit'Ouest");
    private static readonly ReportOrganisation Metropole = new(Guid.NewGuid(), "Métropole de Valmont");
    private static readonly ReportOrganisation Labo = new(Guid.NewGuid(), "Laboratoire Mobilités");
    private static readonly ReportOrganisation Velos = new(Guid.NewGuid(), "Vélos du Bocage");
    private static readonly Guid Registre = Guid.NewGuid();
    private static readonly Guid Lieux = Guid.NewGuid();
    private static readonly Guid Standard = Guid.NewGuid();

    private static Positioning Positioned(ReportOrganisation org, Guid commons, params PositioningKind[] kinds) => new(CallId, commons, org.Id, kinds, null, null, Now);

    private static Contribution Gives(ReportOrganisation org, Guid commons, long amount)
    {
        var contribution = new Contribution(CallId, commons, org.Id);
        contribution.Set(amount, Now);
        return contribution;
    }

    private static Milestone MilestoneOf(ReportOrganisation owner, Guid commons, bool done)
    {
        var milestone = new Milestone(commons, "Jalon", TestClock.Today.AddDays(30), owner.Id, Now);
        milestone.Update("Jalon", TestClock.Today.AddDays(30), owner.Id, done, Now);
        return milestone;
    }

    private static Challenge ChallengeBy(ReportOrganisation author, ChallengeStatus status, params ReportOrganisation[] supporters)
    {
        var challenge = new Challenge(CallId, author.Id, "Comment prouver qu'un covoiturage a eu lieu ?", "Contexte", Now);
        challenge.Publish(Now);
        foreach (var supporter in supporters)
        {
            challenge.Support(supporter.Id, Now).ShouldSucceed();
        }

        if (status == ChallengeStatus.Archived)
        {
            challenge.Archive();
        }

        return status == ChallengeStatus.Draft ? new Challenge(CallId, author.Id, "Comment brouillonner ?", "Contexte", Now) : challenge;
    }

    private static OrganisationInvolvement Of(IReadOnlyList<OrganisationInvolvement> all, ReportOrganisation org) => all.Single(i => i.Organisation == org);

    [Fact]
    public void Each_kind_of_involvement_is_counted_for_its_organisation()
    {
        var counted = InvolvementRanking.Count(
            [Covoit, Metropole, Labo],
            [Positioned(Covoit, Registre, PositioningKind.Produces, PositioningKind.ContributesSkills), Positioned(Covoit, Lieux, PositioningKind.Wants), Positioned(Metropole, Registre, PositioningKind.Wants)],
            [Gives(Covoit, Lieux, 30_000), Gives(Covoit, Standard, 12_500), Gives(Metropole, Registre, 50_000)],
            [MilestoneOf(Covoit, Registre, done: true), MilestoneOf(Covoit, Registre, done: true), MilestoneOf(Metropole, Lieux, done: true)],
            [ChallengeBy(Covoit, ChallengeStatus.Published, Metropole, Labo), ChallengeBy(Metropole, ChallengeStatus.Published, Labo)],
            ContributionSight.All);

        Of(counted, Covoit).ShouldBe(new OrganisationInvolvement(Covoit, Positionings: 2, CommonsFunded: 2, AmountContributed: 42_500, MilestonesDelivered: 2, ChallengesPublished: 1, ChallengesSupported: 0));
        Of(counted, Metropole).ShouldBe(new OrganisationInvolvement(Metropole, 1, 1, 50_000, 1, 1, 1));
        Of(counted, Labo).ShouldBe(new OrganisationInvolvement(Labo, 0, 0, 0, 0, 0, 2));
        Of(counted, Covoit).Score.ShouldBe(2 + 2 + 2 + 1 + 0);
    }

    [Fact]
    public void Drafts_open_milestones_and_withdrawn_contributions_do_not_count()
    {
        var counted = InvolvementRanking.Count(
            [Covoit],
            [new Positioning(CallId, Registre, Covoit.Id, [], null, null, Now)],
            [Gives(Covoit, Registre, 0)],
            [MilestoneOf(Covoit, Registre, done: false)],
            [ChallengeBy(Covoit, ChallengeStatus.Draft)],
            ContributionSight.All);

        Of(counted, Covoit).ShouldBe(new OrganisationInvolvement(Covoit, 0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void An_archived_challenge_still_counts_for_its_author_and_its_supporters()
    {
        var counted = InvolvementRanking.Count([Covoit, Labo], [], [], [], [ChallengeBy(Covoit, ChallengeStatus.Archived, Labo)], ContributionSight.All);

        Of(counted, Covoit).ChallengesPublished.ShouldBe(1);
        Of(counted, Labo).ChallengesSupported.ShouldBe(1);
    }

    [Fact]
    public void Hidden_contributions_are_neither_shown_nor_scored_but_the_viewers_own_are()
    {
        var counted = InvolvementRanking.Count(
            [Covoit, Metropole],
            [],
            [Gives(Covoit, Registre, 10_000), Gives(Metropole, Registre, 90_000), Gives(Metropole, Lieux, 90_000)],
            [],
            [],
            ContributionSight.OnlyOwn([Covoit.Id]));

        Of(counted, Covoit).CommonsFunded.ShouldBe(1);
        Of(counted, Covoit).AmountContributed.ShouldBe(10_000);
        Of(counted, Metropole).CommonsFunded.ShouldBeNull();
        Of(counted, Metropole).AmountContributed.ShouldBeNull();
        Of(counted, Metropole).Score.ShouldBe(0);

        // The ranking cannot betray what is hidden: the viewer's own organisation comes first on what it may see.
        InvolvementRanking.Rank(counted).Select(r => r.Involvement.Organisation).ShouldBe([Covoit, Metropole]);
    }

    [Fact]
    public void Organisations_rank_by_score_then_amount_then_name_and_ties_share_a_rank()
    {
        var ranked = InvolvementRanking.Rank(
        [
            new OrganisationInvolvement(Velos, 1, 1, 5_000, 0, 0, 0),
            new OrganisationInvolvement(Labo, 0, 0, 0, 0, 0, 2),
            new OrganisationInvolvement(Metropole, 3, 1, 100_000, 0, 1, 0),
            new OrganisationInvolvement(Covoit, 1, 1, 5_000, 0, 0, 0),
        ]);

        ranked.Select(r => (r.Rank, r.Involvement.Organisation.Name)).ShouldBe(
        [
            (1, "Métropole de Valmont"),
            (2, "Covoit'Ouest"),
            (2, "Vélos du Bocage"),
            (4, "Laboratoire Mobilités"),
        ]);
    }

    [Fact]
    public void Money_breaks_ties_but_never_outweighs_involvement()
    {
        var ranked = InvolvementRanking.Rank(
        [
            new OrganisationInvolvement(Metropole, 0, 1, 1_000_000_00, 0, 0, 0),
            new OrganisationInvolvement(Labo, 1, 0, 0, 1, 0, 0),
            new OrganisationInvolvement(Covoit, 0, 1, 20_000, 0, 0, 0),
        ]);

        ranked.Select(r => (r.Rank, r.Involvement.Organisation.Name)).ShouldBe([(1, "Laboratoire Mobilités"), (2, "Métropole de Valmont"), (3, "Covoit'Ouest")]);
    }
}
