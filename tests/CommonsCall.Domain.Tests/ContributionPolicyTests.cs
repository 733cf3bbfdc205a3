using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

/// <summary>DESIGN.md "Budget rules": a contribution change is accepted only if rules 1 to 7 hold, in that order.</summary>
public class ContributionPolicyTests
{
    private static readonly ContributionContext Valid = AContribution.ThatPassesEveryRule;

    [Fact]
    public void Contribution_that_passes_every_rule_is_accepted_with_its_before_and_after()
    {
        var change = ContributionPolicy.Decide(Valid, 30_000).ShouldSucceed();

        change.Before.ShouldBe(0);
        change.After.ShouldBe(30_000);
        change.Delta.ShouldBe(30_000);
        change.IsNoOp.ShouldBeFalse();
    }

    // Rule 1: the user represents M, M is a joined member, the round is open.

    [Fact]
    public void Contribution_by_a_user_who_does_not_represent_the_member_is_refused_as_forbidden() =>
        ContributionPolicy.Decide(Valid with { UserRepresentsMember = false }, 10_000).ShouldBeRefusedWith("forbidden");

    [Fact]
    public void Contribution_by_a_member_that_has_not_joined_is_refused_as_forbidden() =>
        ContributionPolicy.Decide(Valid with { MemberHasJoined = false }, 10_000).ShouldBeRefusedWith("forbidden");

    [Fact]
    public void Contribution_while_the_round_is_closed_is_refused_with_round_closed() =>
        ContributionPolicy.Decide(Valid with { RoundIsOpen = false }, 10_000).ShouldBeRefusedWith("round_closed");

    // Rule 2: C is approved for funding.

    [Fact]
    public void Contribution_to_a_commons_not_approved_for_funding_is_refused_with_not_approved() =>
        ContributionPolicy.Decide(Valid with { CommonsIsApproved = false }, 10_000).ShouldBeRefusedWith("not_approved");

    // Rule 3: 0 <= A; lowering needs AllowWithdrawal.

    [Fact]
    public void Negative_contribution_is_refused_with_invalid_amount() =>
        ContributionPolicy.Decide(AContribution.AlreadyGiving(5_000), -1).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void An_amount_above_the_maximum_amount_is_refused_with_invalid_amount() =>
        ContributionPolicy.Decide(AContribution.ThatPassesEveryRule, Amounts.Maximum + 1).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void Withdrawal_to_zero_is_accepted_when_withdrawal_is_allowed()
    {
        var change = ContributionPolicy.Decide(AContribution.AlreadyGiving(10_000), 0).ShouldSucceed();

        change.Before.ShouldBe(10_000);
        change.After.ShouldBe(0);
        change.Delta.ShouldBe(-10_000);
    }

    [Fact]
    public void Withdrawal_to_zero_is_refused_with_withdrawal_not_allowed_when_the_call_forbids_it()
    {
        var ctx = AContribution.AlreadyGiving(10_000).WithRules(r => r with { AllowWithdrawal = false });

        ContributionPolicy.Decide(ctx, 0).ShouldBeRefusedWith("withdrawal_not_allowed");
    }

    [Fact]
    public void Lowering_by_one_cent_is_refused_with_withdrawal_not_allowed_when_the_call_forbids_it()
    {
        var ctx = AContribution.AlreadyGiving(10_000).WithRules(r => r with { AllowWithdrawal = false });

        ContributionPolicy.Decide(ctx, 9_999).ShouldBeRefusedWith("withdrawal_not_allowed");
    }

    [Fact]
    public void Raising_is_accepted_when_the_call_forbids_withdrawal()
    {
        var ctx = AContribution.AlreadyGiving(10_000).WithRules(r => r with { AllowWithdrawal = false });

        ContributionPolicy.Decide(ctx, 10_001).ShouldSucceed().Delta.ShouldBe(1);
    }

    [Fact]
    public void Setting_the_same_amount_twice_is_an_accepted_no_op()
    {
        var first = ContributionPolicy.Decide(Valid, 30_000).ShouldSucceed();
        var afterFirst = Valid with
        {
            CurrentAmount = first.After,
            MemberContributed = Valid.MemberContributed + first.Delta,
            CommonsTotal = Valid.CommonsTotal + first.Delta,
        };

        var second = ContributionPolicy.Decide(afterFirst, 30_000).ShouldSucceed();

        second.IsNoOp.ShouldBeTrue();
        second.Delta.ShouldBe(0);
        second.Before.ShouldBe(30_000);
        second.After.ShouldBe(30_000);
    }

    [Fact]
    public void Setting_the_same_amount_is_a_no_op_even_when_withdrawal_is_not_allowed()
    {
        var ctx = AContribution.AlreadyGiving(10_000).WithRules(r => r with { AllowWithdrawal = false });

        ContributionPolicy.Decide(ctx, 10_000).ShouldSucceed().IsNoOp.ShouldBeTrue();
    }

    [Fact]
    public void Setting_the_same_amount_again_is_a_no_op_even_where_rules_4_to_7_would_refuse_a_raise()
    {
        // A retried request must not fail because the figures around it moved: over balance, over the
        // share cap, commons over its maximum, and a co-creator.
        var ctx = (AContribution.AlreadyGiving(60_000) with { MemberBalance = 50_000, CommonsMaximumGoal = 10_000, MemberIsCoCreator = true })
            .WithRules(r => r with { MaxShareOfBalancePerCommons = 10 });

        ContributionPolicy.Decide(ctx, 60_001).IsSuccess.ShouldBeFalse();
        ContributionPolicy.Decide(ctx, 60_000).ShouldSucceed().IsNoOp.ShouldBeTrue();
    }

    // Rule 4: M's contributions with A in place of the current amount do not exceed M's balance.

    [Fact]
    public void Contribution_exactly_at_the_balance_is_accepted() =>
        // 200.00 given elsewhere + 800.00 here = the 1 000.00 balance.
        ContributionPolicy.Decide(Valid, 80_000).ShouldSucceed().After.ShouldBe(80_000);

    [Fact]
    public void Contribution_over_balance_by_one_cent_is_refused_with_insufficient_balance() =>
        ContributionPolicy.Decide(Valid, 80_001).ShouldBeRefusedWith("insufficient_balance");

    [Fact]
    public void Raising_a_contribution_counts_the_new_amount_in_place_of_the_current_one()
    {
        // Already 100.00 here and 200.00 elsewhere: raising this one to 800.00 uses exactly the balance.
        var ctx = AContribution.AlreadyGiving(10_000);

        ContributionPolicy.Decide(ctx, 80_000).ShouldSucceed().Delta.ShouldBe(70_000);
        ContributionPolicy.Decide(ctx, 80_001).ShouldBeRefusedWith("insufficient_balance");
    }

    [Fact]
    public void Member_with_no_balance_is_refused_with_insufficient_balance() =>
        ContributionPolicy.Decide(Valid with { MemberBalance = 0, MemberContributed = 0 }, 1).ShouldBeRefusedWith("insufficient_balance");

    // Rule 5: A does not exceed MaxShareOfBalancePerCommons percent of M's balance, rounded down.

    [Fact]
    public void Contribution_exactly_at_the_share_cap_rounded_down_is_accepted()
    {
        // 33 % of 10.01 = 3.3033, rounded down to 3.30.
        var ctx = (Valid with { MemberBalance = 1_001, MemberContributed = 0 }).WithRules(r => r with { MaxShareOfBalancePerCommons = 33 });

        ContributionPolicy.Decide(ctx, 330).ShouldSucceed().After.ShouldBe(330);
    }

    [Fact]
    public void Contribution_one_cent_over_the_share_cap_is_refused_with_exceeds_share_cap()
    {
        var ctx = (Valid with { MemberBalance = 1_001, MemberContributed = 0 }).WithRules(r => r with { MaxShareOfBalancePerCommons = 33 });

        ContributionPolicy.Decide(ctx, 331).ShouldBeRefusedWith("exceeds_share_cap");
    }

    [Fact]
    public void Share_cap_applies_to_the_whole_balance_not_to_what_is_left()
    {
        // 50 % of 1 000.00 = 500.00, although 200.00 are already given elsewhere.
        var ctx = Valid.WithRules(r => r with { MaxShareOfBalancePerCommons = 50 });

        ContributionPolicy.Decide(ctx, 50_000).ShouldSucceed();
        ContributionPolicy.Decide(ctx, 50_001).ShouldBeRefusedWith("exceeds_share_cap");
    }

    // Rule 6: C's total with A in place of M's current amount does not exceed C's maximum goal.

    [Fact]
    public void Contribution_that_brings_the_commons_exactly_to_its_maximum_is_accepted() =>
        ContributionPolicy.Decide(Valid with { CommonsTotal = 40_000, CommonsMaximumGoal = 50_000 }, 10_000).ShouldSucceed();

    [Fact]
    public void Contribution_one_cent_over_the_commons_maximum_is_refused_with_exceeds_commons_maximum() =>
        ContributionPolicy.Decide(Valid with { CommonsTotal = 40_000, CommonsMaximumGoal = 50_000 }, 10_001).ShouldBeRefusedWith("exceeds_commons_maximum");

    [Fact]
    public void Commons_maximum_counts_the_new_amount_in_place_of_the_members_current_one()
    {
        // The commons holds 400.00, 100.00 of them from this member: raising to 200.00 reaches 500.00.
        var ctx = AContribution.AlreadyGiving(10_000) with { CommonsTotal = 40_000, CommonsMaximumGoal = 50_000 };

        ContributionPolicy.Decide(ctx, 20_000).ShouldSucceed().Delta.ShouldBe(10_000);
        ContributionPolicy.Decide(ctx, 20_001).ShouldBeRefusedWith("exceeds_commons_maximum");
    }

    // Rule 7: M is not a co-creator of C, unless CoCreatorsMayFundOwnCommons.

    [Fact]
    public void Co_creator_funding_its_own_commons_is_refused_with_own_commons() =>
        ContributionPolicy.Decide(Valid with { MemberIsCoCreator = true }, 10_000).ShouldBeRefusedWith("own_commons");

    [Fact]
    public void Co_creator_may_fund_its_own_commons_when_the_call_allows_it()
    {
        var ctx = (Valid with { MemberIsCoCreator = true }).WithRules(r => r with { CoCreatorsMayFundOwnCommons = true });

        ContributionPolicy.Decide(ctx, 10_000).ShouldSucceed().After.ShouldBe(10_000);
    }

    // Rule order: when two rules fail, the lower-numbered one names the refusal.

    [Fact]
    public void Forbidden_user_is_told_forbidden_before_round_closed() =>
        ContributionPolicy.Decide(Valid with { UserRepresentsMember = false, RoundIsOpen = false }, 10_000).ShouldBeRefusedWith("forbidden");

    [Fact]
    public void Closed_round_is_reported_before_a_commons_not_approved() =>
        ContributionPolicy.Decide(Valid with { RoundIsOpen = false, CommonsIsApproved = false }, 10_000).ShouldBeRefusedWith("round_closed");

    [Fact]
    public void Closed_round_is_reported_before_a_forbidden_withdrawal()
    {
        var ctx = (AContribution.AlreadyGiving(10_000) with { RoundIsOpen = false }).WithRules(r => r with { AllowWithdrawal = false });

        ContributionPolicy.Decide(ctx, 0).ShouldBeRefusedWith("round_closed");
    }

    [Fact]
    public void Commons_not_approved_is_reported_before_a_negative_amount() =>
        ContributionPolicy.Decide(Valid with { CommonsIsApproved = false }, -1).ShouldBeRefusedWith("not_approved");

    [Fact]
    public void Insufficient_balance_is_reported_before_exceeding_the_share_cap()
    {
        var ctx = Valid.WithRules(r => r with { MaxShareOfBalancePerCommons = 10 });

        ContributionPolicy.Decide(ctx, 80_001).ShouldBeRefusedWith("insufficient_balance");
    }

    [Fact]
    public void Insufficient_balance_is_reported_before_exceeding_the_commons_maximum() =>
        ContributionPolicy.Decide(Valid with { CommonsMaximumGoal = 60_000 }, 80_001).ShouldBeRefusedWith("insufficient_balance");

    [Fact]
    public void Exceeding_the_share_cap_is_reported_before_exceeding_the_commons_maximum()
    {
        var ctx = (Valid with { CommonsMaximumGoal = 60_000 }).WithRules(r => r with { MaxShareOfBalancePerCommons = 10 });

        ContributionPolicy.Decide(ctx, 20_000).ShouldBeRefusedWith("exceeds_share_cap");
    }

    [Fact]
    public void Exceeding_the_commons_maximum_is_reported_before_own_commons() =>
        ContributionPolicy.Decide(Valid with { CommonsMaximumGoal = 60_000, MemberIsCoCreator = true }, 20_000).ShouldBeRefusedWith("exceeds_commons_maximum");

    [Fact]
    public void Every_rule_failing_at_once_is_reported_as_forbidden()
    {
        var ctx = new ContributionContext
        {
            UserRepresentsMember = false,
            MemberHasJoined = false,
            RoundIsOpen = false,
            CommonsIsApproved = false,
            MemberIsCoCreator = true,
            Rules = BudgetRules.Default with { MaxShareOfBalancePerCommons = 1 },
            MemberBalance = 100,
            MemberContributed = 100,
            CurrentAmount = 0,
            CommonsTotal = 100,
            CommonsMaximumGoal = 100,
        };

        ContributionPolicy.Decide(ctx, 1_000).ShouldBeRefusedWith("forbidden");
    }

    // Lowering is never refused by rules 4 to 7: a member can always step back from a commons.

    [Fact]
    public void Lowering_is_not_refused_when_the_member_is_over_its_balance()
    {
        // The member's contributions already exceed its balance (e.g. figures read before a correction).
        var ctx = AContribution.AlreadyGiving(10_000) with { MemberBalance = 5_000 };

        ContributionPolicy.Decide(ctx, 10_001).ShouldBeRefusedWith("insufficient_balance");
        ContributionPolicy.Decide(ctx, 9_000).ShouldSucceed().Delta.ShouldBe(-1_000);
    }

    [Fact]
    public void Lowering_is_not_refused_when_the_current_amount_is_over_the_share_cap()
    {
        var ctx = AContribution.AlreadyGiving(60_000).WithRules(r => r with { MaxShareOfBalancePerCommons = 50 });

        ContributionPolicy.Decide(ctx, 60_001).ShouldBeRefusedWith("exceeds_share_cap");
        ContributionPolicy.Decide(ctx, 55_000).ShouldSucceed().Delta.ShouldBe(-5_000);
    }

    [Fact]
    public void Lowering_is_not_refused_when_the_commons_is_over_its_maximum()
    {
        var ctx = AContribution.AlreadyGiving(10_000) with { CommonsTotal = 70_000, CommonsMaximumGoal = 50_000 };

        ContributionPolicy.Decide(ctx, 10_001).ShouldBeRefusedWith("exceeds_commons_maximum");
        ContributionPolicy.Decide(ctx, 5_000).ShouldSucceed().Delta.ShouldBe(-5_000);
    }

    [Fact]
    public void Lowering_is_not_refused_for_a_co_creator_of_the_commons()
    {
        var ctx = AContribution.AlreadyGiving(10_000) with { MemberIsCoCreator = true };

        ContributionPolicy.Decide(ctx, 10_001).ShouldBeRefusedWith("own_commons");
        ContributionPolicy.Decide(ctx, 0).ShouldSucceed().Delta.ShouldBe(-10_000);
    }
}
