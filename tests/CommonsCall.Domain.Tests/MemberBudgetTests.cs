using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

/// <summary>A member's money in one call: grant + own funds, never below what it has contributed.</summary>
public class MemberBudgetTests
{
    private static MemberBudget ABudget(long granted = 0, long ownFunds = 0, long contributed = 0)
    {
        var budget = new MemberBudget(Guid.NewGuid(), Guid.NewGuid());
        budget.SetGrant(granted).ShouldSucceed();
        budget.SetOwnFunds(ownFunds).ShouldSucceed();
        budget.ApplyContributionDelta(contributed);
        return budget;
    }

    [Fact]
    public void New_budget_is_empty()
    {
        var budget = new MemberBudget(Guid.NewGuid(), Guid.NewGuid());

        budget.Balance.ShouldBe(0);
        budget.Available.ShouldBe(0);
        budget.Contributed.ShouldBe(0);
    }

    [Fact]
    public void Balance_is_grant_plus_own_funds_and_available_is_what_is_not_contributed()
    {
        var budget = ABudget(granted: 100_000, ownFunds: 25_000, contributed: 40_000);

        budget.Balance.ShouldBe(125_000);
        budget.Available.ShouldBe(85_000);
    }

    [Fact]
    public void Raw_figures_give_the_same_balance_and_available_as_the_budget()
    {
        var figures = new BudgetFigures(Granted: 100_000, OwnFunds: 25_000, Contributed: 40_000);

        figures.Balance.ShouldBe(125_000);
        figures.Available.ShouldBe(85_000);
        ABudget(granted: 100_000, ownFunds: 25_000, contributed: 40_000).Figures.ShouldBe(figures);
    }

    [Fact]
    public void Setting_a_grant_reports_the_change_and_replaces_the_previous_grant()
    {
        var budget = ABudget(granted: 100_000);

        var change = budget.SetGrant(60_000).ShouldSucceed();

        change.ShouldBe(new ContributionChange(100_000, 60_000));
        budget.Granted.ShouldBe(60_000);
    }

    [Fact]
    public void Lowering_the_grant_exactly_to_what_was_contributed_is_accepted()
    {
        var budget = ABudget(granted: 100_000, contributed: 40_000);

        budget.SetGrant(40_000).ShouldSucceed();

        budget.Available.ShouldBe(0);
    }

    [Fact]
    public void Lowering_the_grant_below_what_was_contributed_is_refused_and_changes_nothing()
    {
        var budget = ABudget(granted: 100_000, contributed: 40_000);

        budget.SetGrant(39_999).ShouldBeRefusedWith("grant_below_contributed");

        budget.Granted.ShouldBe(100_000);
        budget.Balance.ShouldBe(100_000);
    }

    [Fact]
    public void Lowering_the_grant_is_accepted_while_own_funds_still_cover_what_was_contributed()
    {
        // 400.00 contributed, 100.00 of own funds: the grant may go down to 300.00, not below.
        var budget = ABudget(granted: 100_000, ownFunds: 10_000, contributed: 40_000);

        budget.SetGrant(30_000).ShouldSucceed();
        budget.SetGrant(29_999).ShouldBeRefusedWith("grant_below_contributed");
        budget.Granted.ShouldBe(30_000);
    }

    [Fact]
    public void Negative_grant_is_refused_with_invalid_amount() =>
        ABudget(granted: 100_000).SetGrant(-1).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void Adding_own_funds_raises_the_balance()
    {
        var budget = ABudget(granted: 100_000);

        budget.SetOwnFunds(50_000).ShouldSucceed().ShouldBe(new ContributionChange(0, 50_000));

        budget.Balance.ShouldBe(150_000);
    }

    [Fact]
    public void Lowering_own_funds_exactly_to_what_the_grant_leaves_uncovered_is_accepted()
    {
        var budget = ABudget(granted: 10_000, ownFunds: 50_000, contributed: 40_000);

        budget.SetOwnFunds(30_000).ShouldSucceed();

        budget.Available.ShouldBe(0);
    }

    [Fact]
    public void Lowering_own_funds_below_what_was_contributed_is_refused_and_changes_nothing()
    {
        var budget = ABudget(granted: 10_000, ownFunds: 50_000, contributed: 40_000);

        budget.SetOwnFunds(29_999).ShouldBeRefusedWith("own_funds_below_contributed");

        budget.OwnFunds.ShouldBe(50_000);
    }

    [Fact]
    public void Negative_own_funds_are_refused_with_invalid_amount() =>
        ABudget(ownFunds: 10_000).SetOwnFunds(-1).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void Contribution_changes_move_what_is_contributed_both_ways()
    {
        var budget = ABudget(granted: 100_000);

        budget.ApplyContributionDelta(30_000);
        budget.ApplyContributionDelta(-10_000);

        budget.Contributed.ShouldBe(20_000);
        budget.Available.ShouldBe(80_000);
    }

    [Fact]
    public void Grants_and_own_funds_above_the_maximum_amount_are_refused_and_balances_cannot_overflow()
    {
        var budget = new MemberBudget(Guid.NewGuid(), Guid.NewGuid());
        budget.SetGrant(Amounts.Maximum + 1).ShouldBeRefusedWith("invalid_amount");
        budget.SetOwnFunds(long.MaxValue).ShouldBeRefusedWith("invalid_amount");
        budget.SetGrant(Amounts.Maximum).ShouldSucceed();
        budget.SetOwnFunds(Amounts.Maximum).ShouldSucceed();
        budget.Balance.ShouldBe(2 * Amounts.Maximum);
        BudgetRules.Default.ShareCap(budget.Balance).ShouldBe(2 * Amounts.Maximum);
    }
}
