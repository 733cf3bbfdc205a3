using CommonsCall.Domain.Commons;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Domain.Tests;

public class CommonsTests
{
    private static readonly Guid Proposer = Guid.NewGuid();

    private static CommonsEntity ACommons() =>
        new(Guid.NewGuid(), Proposer, "Référentiel des arrêts", "Un jeu de données ouvert.", CommonsKind.Data, "ODbL-1.0", ACall.CreatedAt);

    private static CommonsEntity AnApprovedCommons(long contributed = 0)
    {
        var commons = ACommons();
        commons.SetBudgetLines([new BudgetLine("Collecte", 1_000, 3_000)]);
        commons.Approve().ShouldSucceed();
        commons.ApplyContributionDelta(contributed);
        return commons;
    }

    [Fact]
    public void Proposed_commons_has_its_proposer_as_co_creator_and_is_not_yet_fundable()
    {
        var commons = ACommons();

        commons.Status.ShouldBe(CommonsStatus.Proposed);
        commons.IsApprovedForFunding.ShouldBeFalse();
        commons.IsCoCreator(Proposer).ShouldBeTrue();
        commons.IsCoCreator(Guid.NewGuid()).ShouldBeFalse();
    }

    [Fact]
    public void Adding_a_co_creator_twice_keeps_one()
    {
        var commons = ACommons();
        var partner = Guid.NewGuid();

        commons.AddCoCreator(partner);
        commons.AddCoCreator(partner);
        commons.AddCoCreator(Proposer);

        commons.CoCreators.Select(c => c.OrganisationId).ShouldBe([Proposer, partner], ignoreOrder: true);
    }

    [Fact]
    public void Budget_lines_sum_to_the_minimum_and_maximum_goals()
    {
        var commons = ACommons();

        commons.SetBudgetLines(
        [
            new BudgetLine("Développement", 10_000, 25_000),
            new BudgetLine("Animation", 2_500, 5_000),
            new BudgetLine("Hébergement", 1_200, 1_200),
        ]);

        commons.MinimumGoal.ShouldBe(13_700);
        commons.MaximumGoal.ShouldBe(31_200);
        commons.BudgetLines.Count.ShouldBe(3);
    }

    [Fact]
    public void Setting_budget_lines_again_replaces_the_previous_ones()
    {
        var commons = ACommons();
        commons.SetBudgetLines([new BudgetLine("Développement", 10_000, 25_000), new BudgetLine("Animation", 2_500, 5_000)]);

        commons.SetBudgetLines([new BudgetLine("Documentation", 3_000, 4_000)]);

        commons.BudgetLines.ShouldHaveSingleItem().Description.ShouldBe("Documentation");
        commons.MinimumGoal.ShouldBe(3_000);
        commons.MaximumGoal.ShouldBe(4_000);
    }

    [Fact]
    public void Commons_with_budget_lines_can_be_approved_for_funding()
    {
        var commons = ACommons();
        commons.SetBudgetLines([new BudgetLine("Collecte", 1_000, 3_000)]);

        commons.Approve().ShouldSucceed();

        commons.Status.ShouldBe(CommonsStatus.ApprovedForFunding);
        commons.IsApprovedForFunding.ShouldBeTrue();
    }

    [Fact]
    public void Commons_without_budget_lines_cannot_be_approved()
    {
        var commons = ACommons();

        commons.Approve().ShouldBeRefusedWith("validation_failed");

        commons.IsApprovedForFunding.ShouldBeFalse();
    }

    [Fact]
    public void Approving_an_approved_commons_again_is_accepted() =>
        AnApprovedCommons().Approve().ShouldSucceed();

    [Fact]
    public void Commons_sent_back_carries_the_comment_and_approving_it_clears_it()
    {
        var commons = AnApprovedCommons();

        commons.SendBack("Préciser la licence des données.");

        commons.Status.ShouldBe(CommonsStatus.Proposed);
        commons.ReviewComment.ShouldBe("Préciser la licence des données.");

        commons.Approve().ShouldSucceed();
        commons.ReviewComment.ShouldBeNull();
    }

    [Fact]
    public void Funded_commons_cannot_be_approved_again()
    {
        var commons = AnApprovedCommons(contributed: 2_000);
        commons.MarkFunded(match: 500);

        commons.Approve().ShouldBeRefusedWith("wrong_phase");

        commons.Status.ShouldBe(CommonsStatus.Funded);
    }

    [Fact]
    public void Contribution_changes_move_the_running_total_both_ways()
    {
        var commons = AnApprovedCommons();

        commons.ApplyContributionDelta(1_500);
        commons.ApplyContributionDelta(-400);

        commons.Total.ShouldBe(1_100);
    }

    [Fact]
    public void Funded_commons_keeps_its_total_and_records_its_match()
    {
        var commons = AnApprovedCommons(contributed: 2_000);

        commons.MarkFunded(match: 500);

        commons.Status.ShouldBe(CommonsStatus.Funded);
        commons.Total.ShouldBe(2_000);
        commons.Match.ShouldBe(500);
        commons.Released.ShouldBe(0);
    }

    [Fact]
    public void Not_funded_commons_releases_its_whole_total()
    {
        var commons = AnApprovedCommons(contributed: 999);

        commons.MarkNotFundedAndRelease();

        commons.Status.ShouldBe(CommonsStatus.NotFunded);
        commons.Released.ShouldBe(999);
        commons.Total.ShouldBe(0);
        commons.IsApprovedForFunding.ShouldBeFalse();
    }
}
