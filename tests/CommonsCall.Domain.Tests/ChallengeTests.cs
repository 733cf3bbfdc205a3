using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;

namespace CommonsCall.Domain.Tests;

/// <summary>A micro-challenge: phrased as a question, published, archived, supported by other organisations.</summary>
public class ChallengeTests
{
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();
    private static readonly DateTimeOffset Later = ACall.CreatedAt.AddDays(3);

    private static Challenge ADraft() => new(Guid.NewGuid(), Author, "Comment partager les horaires ?", "Contexte.", ACall.CreatedAt);

    private static Challenge APublished()
    {
        var challenge = ADraft();
        challenge.Publish(Later);
        return challenge;
    }

    [Theory]
    [InlineData("Comment partager les horaires des transports en temps réel ?")]
    [InlineData("How do small towns share bus timetables?")]
    [InlineData("Comment mutualiser les données ?   ")]
    [InlineData("Pourquoi ?\n")]
    public void Text_ending_with_a_question_mark_is_a_question(string text) =>
        Challenge.IsQuestion(text).ShouldBeTrue();

    [Theory]
    [InlineData("Partager les horaires des transports.")]
    [InlineData("Pourquoi ? Parce que les données manquent.")]
    [InlineData("")]
    [InlineData("   ")]
    public void Text_not_ending_with_a_question_mark_is_not_a_question(string text) =>
        Challenge.IsQuestion(text).ShouldBeFalse();

    [Fact]
    public void New_challenge_is_a_draft_for_a_community_of_15_to_20_until_published()
    {
        var challenge = ADraft();

        challenge.Status.ShouldBe(ChallengeStatus.Draft);
        challenge.TargetCommunityMin.ShouldBe(15);
        challenge.TargetCommunityMax.ShouldBe(20);
        challenge.PublishedAt.ShouldBeNull();
        challenge.HasResourcePerson.ShouldBeFalse();

        challenge.Publish(Later);

        challenge.Status.ShouldBe(ChallengeStatus.Published);
        challenge.PublishedAt.ShouldBe(Later);
    }

    [Fact]
    public void Publishing_twice_keeps_the_first_publication_date()
    {
        var challenge = APublished();

        challenge.Publish(Later.AddDays(1));

        challenge.PublishedAt.ShouldBe(Later);
    }

    [Theory]
    [InlineData(CallPhase.Challenges, true)]
    [InlineData(CallPhase.Commons, true)]
    [InlineData(CallPhase.Draft, false)]
    [InlineData(CallPhase.Framing, false)]
    [InlineData(CallPhase.Budgeting, false)]
    [InlineData(CallPhase.Results, false)]
    [InlineData(CallPhase.FollowUp, false)]
    public void Members_write_and_support_challenges_only_in_the_challenges_and_commons_phases(CallPhase phase, bool allowed) =>
        Challenge.MembersMayContribute(phase).ShouldBe(allowed);

    [Fact]
    public void Describing_trims_texts_and_turns_blank_ones_into_nothing()
    {
        var challenge = ADraft();

        challenge.Describe(new ChallengeContent(
            "  Comment recenser les aires de covoiturage ?  ",
            "   ",
            ["  Aires introuvables  ", "Données en double"],
            "Chacun tient sa liste.",
            null,
            [new ScenarioIndicator("  Aires recensées ", 40, 300, "  ")],
            "La métropole",
            " ",
            "Les covoitureurs",
            10,
            25));

        challenge.Question.ShouldBe("Comment recenser les aires de covoiturage ?");
        challenge.Context.ShouldBeNull();
        challenge.Pains.ShouldBe(["Aires introuvables", "Données en double"]);
        challenge.Indicators.ShouldBe([new ScenarioIndicator("Aires recensées", 40, 300, null)]);
        challenge.WhoUses.ShouldBeNull();
        (challenge.TargetCommunityMin, challenge.TargetCommunityMax).ShouldBe((10, 25));
    }

    [Fact]
    public void Another_organisation_supports_a_published_challenge_once()
    {
        var challenge = APublished();

        challenge.Support(Other, Later).ShouldSucceed();
        challenge.Support(Other, Later.AddHours(1)).ShouldSucceed();

        challenge.Supporters.Single().OrganisationId.ShouldBe(Other);
        challenge.Supporters.Single().SupportedAt.ShouldBe(Later);
        challenge.IsSupportedBy(Other).ShouldBeTrue();
    }

    [Fact]
    public void The_author_does_not_support_its_own_challenge()
    {
        var challenge = APublished();

        challenge.Support(Author, Later).ShouldBeRefusedWith("own_challenge");

        challenge.Supporters.ShouldBeEmpty();
    }

    [Fact]
    public void A_draft_cannot_be_supported()
    {
        var challenge = ADraft();

        challenge.Support(Other, Later).ShouldBeRefusedWith("challenge_not_published");

        challenge.Supporters.ShouldBeEmpty();
    }

    [Fact]
    public void An_archived_challenge_keeps_its_supporters_and_they_no_longer_change()
    {
        var challenge = APublished();
        challenge.Support(Other, Later).ShouldSucceed();

        challenge.Archive();

        challenge.Status.ShouldBe(ChallengeStatus.Archived);
        challenge.Support(Guid.NewGuid(), Later).ShouldBeRefusedWith("challenge_archived");
        challenge.WithdrawSupport(Other).ShouldBeRefusedWith("challenge_archived");
        challenge.Supporters.Single().OrganisationId.ShouldBe(Other);
    }

    [Fact]
    public void Withdrawing_support_is_idempotent()
    {
        var challenge = APublished();
        challenge.Support(Other, Later).ShouldSucceed();

        challenge.WithdrawSupport(Other).ShouldSucceed();
        challenge.WithdrawSupport(Other).ShouldSucceed();

        challenge.Supporters.ShouldBeEmpty();
    }

    [Fact]
    public void A_resource_person_is_named_with_or_without_an_account_and_can_be_removed()
    {
        var challenge = APublished();

        challenge.AssignResourcePerson(" Camille Animatrice ", "user-1");
        (challenge.ResourcePersonName, challenge.ResourcePersonUserId).ShouldBe(("Camille Animatrice", "user-1"));

        challenge.AssignResourcePerson("Dominique, tiers-lieu voisin", null);
        (challenge.ResourcePersonName, challenge.ResourcePersonUserId).ShouldBe(("Dominique, tiers-lieu voisin", null));

        challenge.AssignResourcePerson(null, "user-1");
        challenge.HasResourcePerson.ShouldBeFalse();
        challenge.ResourcePersonUserId.ShouldBeNull();
    }
}
