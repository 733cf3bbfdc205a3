using CommonsCall.Domain.Challenges;

namespace CommonsCall.Domain.Tests;

/// <summary>A micro-challenge must be phrased as a question.</summary>
public class ChallengeTests
{
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
    public void New_challenge_is_a_draft_until_published()
    {
        var challenge = new Challenge(Guid.NewGuid(), Guid.NewGuid(), "Comment partager les horaires ?", "Contexte.", ACall.CreatedAt);

        challenge.Status.ShouldBe(ChallengeStatus.Draft);
        challenge.TargetCommunitySize.ShouldBe(Challenge.DefaultTargetCommunitySize);

        challenge.Publish();

        challenge.Status.ShouldBe(ChallengeStatus.Published);
    }
}
