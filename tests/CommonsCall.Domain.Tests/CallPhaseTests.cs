using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;

namespace CommonsCall.Domain.Tests;

/// <summary>DESIGN.md "Phases of a call" and the budget rules lock.</summary>
public class CallPhaseTests
{
    private static readonly PhaseFacts Ready = ACall.ReadyFacts;
    private static readonly DateTimeOffset Opens = TestClock.Start.AddDays(10);
    private static readonly DateTimeOffset Closes = Opens.AddDays(14);
    private static readonly BudgetRules Windowed = BudgetRules.Default with { FundingOpensAt = Opens, FundingClosesAt = Closes };

    [Fact]
    public void New_call_starts_in_draft_with_default_rules_and_unsettled()
    {
        var call = ACall.InDraft();

        call.Phase.ShouldBe(CallPhase.Draft);
        call.BudgetRules.ShouldBe(BudgetRules.Default);
        call.SettledAt.ShouldBeNull();
    }

    // Moving one step at a time.

    [Theory]
    [InlineData(CallPhase.Draft)]
    [InlineData(CallPhase.Framing)]
    [InlineData(CallPhase.Challenges)]
    [InlineData(CallPhase.Commons)]
    [InlineData(CallPhase.Results)]
    public void Call_moves_to_the_next_phase_when_its_preconditions_hold(CallPhase from)
    {
        var call = ACall.In(from);

        call.MoveTo(from + 1, Ready).ShouldSucceed();

        call.Phase.ShouldBe(from + 1);
    }

    [Theory]
    [InlineData(CallPhase.Draft, CallPhase.Challenges)]
    [InlineData(CallPhase.Framing, CallPhase.Commons)]
    [InlineData(CallPhase.Challenges, CallPhase.Budgeting)]
    [InlineData(CallPhase.Budgeting, CallPhase.FollowUp)]
    public void Skipping_a_phase_is_refused(CallPhase from, CallPhase to)
    {
        var call = ACall.In(from);

        call.MoveTo(to, Ready).ShouldBeRefusedWith("phase_transition_not_allowed");

        call.Phase.ShouldBe(from);
    }

    [Theory]
    [InlineData(CallPhase.Framing, CallPhase.Draft)]
    [InlineData(CallPhase.Budgeting, CallPhase.Commons)]
    [InlineData(CallPhase.FollowUp, CallPhase.Results)]
    public void Moving_back_is_refused(CallPhase from, CallPhase to)
    {
        var call = ACall.In(from);

        call.MoveTo(to, Ready).ShouldBeRefusedWith("phase_transition_not_allowed");

        call.Phase.ShouldBe(from);
    }

    [Fact]
    public void Moving_to_the_current_phase_is_refused()
    {
        var call = ACall.In(CallPhase.Challenges);

        call.MoveTo(CallPhase.Challenges, Ready).ShouldBeRefusedWith("phase_transition_not_allowed");
    }

    [Fact]
    public void Framing_has_no_precondition() =>
        ACall.InDraft().MoveTo(CallPhase.Framing, new PhaseFacts(0, 0, 0, 0, 0)).ShouldSucceed();

    // Preconditions.

    [Fact]
    public void Challenges_phase_needs_a_member_organisation()
    {
        var call = ACall.In(CallPhase.Framing);

        call.MoveTo(CallPhase.Challenges, Ready with { MemberParticipants = 0 }).ShouldBeRefusedWith("phase_needs_members");

        call.Phase.ShouldBe(CallPhase.Framing);
    }

    [Fact]
    public void Commons_phase_needs_a_published_micro_challenge()
    {
        var call = ACall.In(CallPhase.Challenges);

        call.MoveTo(CallPhase.Commons, Ready with { PublishedChallenges = 0 }).ShouldBeRefusedWith("phase_needs_published_challenge");

        call.Phase.ShouldBe(CallPhase.Challenges);
    }

    [Fact]
    public void Budgeting_needs_a_commons_approved_for_funding()
    {
        var call = ACall.In(CallPhase.Commons);

        call.MoveTo(CallPhase.Budgeting, Ready with { ApprovedCommons = 0 }).ShouldBeRefusedWith("phase_needs_approved_commons");

        call.Phase.ShouldBe(CallPhase.Commons);
    }

    [Fact]
    public void Budgeting_needs_money_in_the_pool_or_in_own_funds()
    {
        var call = ACall.In(CallPhase.Commons);

        call.MoveTo(CallPhase.Budgeting, Ready with { Pool = 0, OwnFunds = 0 }).ShouldBeRefusedWith("phase_needs_money");

        call.Phase.ShouldBe(CallPhase.Commons);
    }

    [Fact]
    public void Budgeting_may_open_on_own_funds_alone()
    {
        var call = ACall.In(CallPhase.Commons);

        call.MoveTo(CallPhase.Budgeting, Ready with { Pool = 0, OwnFunds = 1 }).ShouldSucceed();

        call.Phase.ShouldBe(CallPhase.Budgeting);
    }

    // Results only by settling.

    [Fact]
    public void Results_cannot_be_reached_by_a_phase_move()
    {
        var call = ACall.In(CallPhase.Budgeting);

        call.MoveTo(CallPhase.Results, Ready).ShouldBeRefusedWith("phase_transition_not_allowed");

        call.Phase.ShouldBe(CallPhase.Budgeting);
        call.SettledAt.ShouldBeNull();
    }

    [Fact]
    public void Settling_the_round_moves_the_call_to_results_and_records_when()
    {
        var call = ACall.In(CallPhase.Budgeting);
        var at = Closes;

        call.MarkSettled(at).ShouldSucceed();

        call.Phase.ShouldBe(CallPhase.Results);
        call.SettledAt.ShouldBe(at);
    }

    [Fact]
    public void Settling_twice_is_refused_and_keeps_the_first_settlement()
    {
        var call = ACall.In(CallPhase.Budgeting);
        var first = Closes;
        call.MarkSettled(first).ShouldSucceed();

        call.MarkSettled(first.AddMinutes(1)).ShouldBeRefusedWith("already_settled");

        call.SettledAt.ShouldBe(first);
        call.Phase.ShouldBe(CallPhase.Results);
    }

    [Fact]
    public void Settling_after_follow_up_has_started_is_refused_as_already_settled()
    {
        var call = ACall.In(CallPhase.FollowUp);

        call.MarkSettled(Closes.AddDays(30)).ShouldBeRefusedWith("already_settled");

        call.Phase.ShouldBe(CallPhase.FollowUp);
    }

    [Theory]
    [InlineData(CallPhase.Draft)]
    [InlineData(CallPhase.Commons)]
    public void Settling_a_call_that_is_not_in_budgeting_is_refused_with_wrong_phase(CallPhase phase)
    {
        var call = ACall.In(phase);

        call.MarkSettled(Closes).ShouldBeRefusedWith("wrong_phase");

        call.Phase.ShouldBe(phase);
        call.SettledAt.ShouldBeNull();
    }

    // Budget rules: free before Budgeting, then only the closing date, then nothing.

    [Theory]
    [InlineData(CallPhase.Draft)]
    [InlineData(CallPhase.Commons)]
    public void Any_budget_rule_may_change_before_budgeting_opens(CallPhase phase)
    {
        var call = ACall.In(phase);
        var rules = Windowed with { MaxShareOfBalancePerCommons = 40, AllowWithdrawal = false, ContributionsVisibility = ContributionsVisibility.Hidden };

        call.ChangeBudgetRules(rules).ShouldSucceed();

        call.BudgetRules.ShouldBe(rules);
    }

    [Fact]
    public void Closing_date_may_move_while_budgeting()
    {
        var call = ACall.In(CallPhase.Budgeting, Windowed);
        var later = Windowed with { FundingClosesAt = Closes.AddDays(7) };

        call.ChangeBudgetRules(later).ShouldSucceed();

        call.BudgetRules.FundingClosesAt.ShouldBe(Closes.AddDays(7));
    }

    public static TheoryData<string> LockedChanges => ["opening date", "share cap", "co-creators", "visibility", "withdrawal"];

    [Theory]
    [MemberData(nameof(LockedChanges))]
    public void Other_budget_rules_are_locked_once_budgeting_opens(string change)
    {
        var call = ACall.In(CallPhase.Budgeting, Windowed);
        var changed = change switch
        {
            "opening date" => Windowed with { FundingOpensAt = Opens.AddDays(1) },
            "share cap" => Windowed with { MaxShareOfBalancePerCommons = 50 },
            "co-creators" => Windowed with { CoCreatorsMayFundOwnCommons = true },
            "visibility" => Windowed with { ContributionsVisibility = ContributionsVisibility.Hidden },
            "withdrawal" => Windowed with { AllowWithdrawal = false },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        call.ChangeBudgetRules(changed).ShouldBeRefusedWith("rules_locked");

        call.BudgetRules.ShouldBe(Windowed);
    }

    [Fact]
    public void Closing_date_together_with_another_rule_is_refused_while_budgeting()
    {
        var call = ACall.In(CallPhase.Budgeting, Windowed);

        call.ChangeBudgetRules(Windowed with { FundingClosesAt = Closes.AddDays(7), AllowWithdrawal = false }).ShouldBeRefusedWith("rules_locked");

        call.BudgetRules.ShouldBe(Windowed);
    }

    [Theory]
    [InlineData(CallPhase.Results)]
    [InlineData(CallPhase.FollowUp)]
    public void Even_the_closing_date_is_locked_once_the_round_is_settled(CallPhase phase)
    {
        var call = ACall.In(phase, Windowed);

        call.ChangeBudgetRules(Windowed with { FundingClosesAt = Closes.AddDays(7) }).ShouldBeRefusedWith("rules_locked");

        call.BudgetRules.ShouldBe(Windowed);
    }

    // The round is open only in Budgeting and inside the window.

    [Fact]
    public void Round_is_open_in_budgeting_inside_the_window() =>
        ACall.In(CallPhase.Budgeting, Windowed).IsRoundOpen(Opens.AddDays(1)).ShouldBeTrue();

    [Fact]
    public void Round_is_closed_in_budgeting_before_the_window_opens() =>
        ACall.In(CallPhase.Budgeting, Windowed).IsRoundOpen(Opens.AddTicks(-1)).ShouldBeFalse();

    [Fact]
    public void Round_is_closed_in_budgeting_once_the_window_closes() =>
        ACall.In(CallPhase.Budgeting, Windowed).IsRoundOpen(Closes).ShouldBeFalse();

    [Fact]
    public void Moving_the_closing_date_later_reopens_the_round()
    {
        var call = ACall.In(CallPhase.Budgeting, Windowed);
        call.ChangeBudgetRules(Windowed with { FundingClosesAt = Closes.AddDays(7) }).ShouldSucceed();

        call.IsRoundOpen(Closes.AddDays(1)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(CallPhase.Commons)]
    [InlineData(CallPhase.Results)]
    [InlineData(CallPhase.FollowUp)]
    public void Round_is_closed_outside_budgeting_even_inside_the_window(CallPhase phase) =>
        ACall.In(phase, Windowed).IsRoundOpen(Opens.AddDays(1)).ShouldBeFalse();

    // Who sees contributions (facilitators and a member's own data aside).

    [Theory]
    [InlineData(ContributionsVisibility.Live, true, true)]
    [InlineData(ContributionsVisibility.TotalsOnly, false, true)]
    [InlineData(ContributionsVisibility.Hidden, false, false)]
    public void Visibility_while_the_round_is_open_follows_the_rule(ContributionsVisibility visibility, bool perOrganisation, bool totals)
    {
        var call = ACall.In(CallPhase.Budgeting, BudgetRules.Default with { ContributionsVisibility = visibility });

        call.ShowsContributionsPerOrganisation.ShouldBe(perOrganisation);
        call.ShowsCommonsTotals.ShouldBe(totals);
    }

    [Theory]
    [InlineData(ContributionsVisibility.TotalsOnly)]
    [InlineData(ContributionsVisibility.Hidden)]
    public void Everything_is_shown_once_the_round_is_settled(ContributionsVisibility visibility)
    {
        var call = ACall.In(CallPhase.Results, BudgetRules.Default with { ContributionsVisibility = visibility });

        call.ShowsContributionsPerOrganisation.ShouldBeTrue();
        call.ShowsCommonsTotals.ShouldBeTrue();
    }
}
