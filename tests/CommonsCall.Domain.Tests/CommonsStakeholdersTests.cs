using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Reports;
using CommonsCall.Domain.WorkingGroups;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Domain.Tests;

/// <summary>Who pays, who uses and who benefits from a commons: from the challenges it answers and from what organisations did.</summary>
public class CommonsStakeholdersTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly Guid Covoit = Guid.NewGuid();
    private static readonly Guid Metropole = Guid.NewGuid();
    private static readonly Guid Labo = Guid.NewGuid();
    private static readonly Guid Agence = Guid.NewGuid();

    private static Challenge Challenge(string? pays, string? uses, string? benefits, bool publish = true, string question = "Comment prouver qu'un covoiturage a eu lieu ?")
    {
        var challenge = new Challenge(CallId, Covoit, question, "Contexte", Now);
        challenge.Describe(new ChallengeContent(challenge.Question, "Contexte", [], null, null, [], pays, uses, benefits, 15, 20));
        if (publish)
        {
            challenge.Publish(Now);
        }

        return challenge;
    }

    private static CommonsEntity CommonsAnswering(params Challenge[] challenges)
    {
        var commons = new CommonsEntity(CallId, Covoit, "Registre de preuve de covoiturage", "Résumé", CommonsKind.Software, "MIT", Now);
        commons.LinkChallenges(challenges.Select(c => c.Id));
        return commons;
    }

    private static Contribution Gives(CommonsEntity commons, Guid org, long amount)
    {
        var contribution = new Contribution(CallId, commons.Id, org);
        contribution.Set(amount, Now);
        return contribution;
    }

    [Fact]
    public void The_answers_come_from_the_challenges_the_commons_answers_and_repeat_once()
    {
        var proof = Challenge("Les collectivités", "Les covoitureurs", "Les habitants");
        var incentives = Challenge("les collectivités ", "Les opérateurs", null, question: "Comment verser des incitations ?");
        var other = Challenge("Les entreprises", "Les salariés", "Les salariés");
        var draft = Challenge("Un brouillon", "Un brouillon", "Un brouillon", publish: false);
        var commons = CommonsAnswering(proof, incentives, draft);

        var s = CommonsStakeholders.For(commons, [proof, incentives, other, draft], [], [], ContributionSight.All);

        s.WhoPays.Select(x => x.Text).ShouldBe(["Les collectivités"], "the same answer once; drafts and challenges it does not answer are left out");
        s.WhoPays[0].ChallengeIds.ShouldBe([proof.Id, incentives.Id]);
        s.WhoUses.Select(x => x.Text).ShouldBe(["Les covoitureurs", "Les opérateurs"]);
        s.WhoBenefits.Select(x => x.Text).ShouldBe(["Les habitants"]);
    }

    [Fact]
    public void Positionings_say_who_produces_wants_and_contributes()
    {
        var commons = CommonsAnswering();
        var elsewhere = Guid.NewGuid();
        var s = CommonsStakeholders.For(commons, [],
        [
            new Positioning(CallId, commons.Id, Covoit, [PositioningKind.Produces, PositioningKind.ContributesSkills], null, null, Now),
            new Positioning(CallId, commons.Id, Metropole, [PositioningKind.Wants], null, null, Now),
            new Positioning(CallId, commons.Id, Labo, [PositioningKind.ContributesTechnicalMeans, PositioningKind.Wants], null, null, Now),
            new Positioning(CallId, elsewhere, Agence, [PositioningKind.Produces], null, null, Now),
        ], [], ContributionSight.All);

        s.Producers.ShouldBe([Covoit]);
        s.Wanters.ShouldBe([Metropole, Labo]);
        s.Contributors.ShouldBe([Covoit, Labo]);
        s.WhoPays.ShouldBeEmpty();
    }

    [Fact]
    public void Funders_are_the_organisations_giving_money_that_the_viewer_may_see()
    {
        var commons = CommonsAnswering();
        var contributions = new[] { Gives(commons, Covoit, 10_000), Gives(commons, Metropole, 40_000), Gives(commons, Labo, 0) };

        CommonsStakeholders.For(commons, [], [], contributions, ContributionSight.All).Funders.ShouldBe([Covoit, Metropole]);
        CommonsStakeholders.For(commons, [], [], contributions, ContributionSight.OnlyOwn([Covoit])).Funders.ShouldBe([Covoit]);
        CommonsStakeholders.For(commons, [], [], contributions, ContributionSight.OnlyOwn([Agence])).Funders.ShouldBeEmpty();
    }
}
