using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Guidance;

namespace CommonsCall.Domain.Tests;

/// <summary>What each viewer is told to do next in a call (issue 14, item 4): one line per situation.</summary>
public class NextStepTests
{
    private static readonly DateTimeOffset Now = ACall.CreatedAt.AddDays(30);
    private static readonly DateTimeOffset Closes = Now.AddDays(14);
    private static readonly BudgetRules OpenWindow = BudgetRules.Default with { FundingOpensAt = Now.AddDays(-3), FundingClosesAt = Closes };
    private static readonly PhaseSchedule Planned = PhaseSchedule.None with
    {
        Challenges = DateOnly.FromDateTime(Now.AddDays(5).UtcDateTime),
        Commons = DateOnly.FromDateTime(Now.AddDays(10).UtcDateTime),
        Budgeting = DateOnly.FromDateTime(Now.AddDays(20).UtcDateTime),
        Results = DateOnly.FromDateTime(Now.AddDays(40).UtcDateTime),
    };

    private static readonly CallSituation Member = new() { Phase = CallPhase.Budgeting, Now = Now, Rules = OpenWindow, Planned = Planned, IsMember = true, Money = new(50_000, 0, 0) };
    private static readonly CallSituation Funder = Member with { IsMember = false, IsFunder = true, Money = default };
    private static readonly CallSituation Facilitator = Member with { IsMember = false, IsFacilitator = true, Money = default };

    [Fact] public void A_member_with_money_left_spreads_it_before_the_round_closes() => NextSteps.For(Member with { Money = new(40_000, 10_000, 20_000) }).ShouldBe(new(NextStepKind.SpreadBudget, 30_000, Closes));
    [Fact] public void A_member_that_gave_everything_may_still_change_its_mind_until_the_close() => NextSteps.For(Member with { Money = new(50_000, 0, 50_000) }).ShouldBe(new(NextStepKind.AllGiven, Until: Closes));
    [Fact] public void A_member_without_a_grant_waits_for_one() => NextSteps.For(Member with { Money = default }).ShouldBe(new(NextStepKind.AwaitGrant));
    [Fact] public void Before_the_window_opens_a_member_waits_for_it() => NextSteps.For(Member with { Rules = OpenWindow with { FundingOpensAt = Now.AddHours(1) } }).ShouldBe(new(NextStepKind.AwaitRound, 50_000, Now.AddHours(1)));
    [Fact] public void After_the_window_a_member_waits_for_the_results() => NextSteps.For(Member with { Now = Closes }).ShouldBe(new(NextStepKind.AwaitResults, PlannedOn: Planned.Results));
    [Fact] public void In_phase_commons_a_member_proposes_a_commons_until_the_round() => NextSteps.For(Member with { Phase = CallPhase.Commons }).ShouldBe(new(NextStepKind.ProposeCommons, PlannedOn: Planned.Budgeting));
    [Fact] public void A_member_that_proposed_a_commons_positions_itself() => NextSteps.For(Member with { Phase = CallPhase.Commons, CommonsProposed = 1 }).ShouldBe(new(NextStepKind.PositionYourself, PlannedOn: Planned.Budgeting));
    [Fact] public void A_positioned_member_waits_for_the_round() => NextSteps.For(Member with { Phase = CallPhase.Commons, Positionings = 2 }).ShouldBe(new(NextStepKind.AwaitRound, PlannedOn: Planned.Budgeting));
    [Fact] public void In_phase_challenges_a_member_publishes_a_challenge() => NextSteps.For(Member with { Phase = CallPhase.Challenges }).ShouldBe(new(NextStepKind.PublishChallenge, PlannedOn: Planned.Commons));
    [Fact] public void A_member_that_published_supports_the_others() => NextSteps.For(Member with { Phase = CallPhase.Challenges, ChallengesPublished = 1 }).ShouldBe(new(NextStepKind.SupportChallenges, PlannedOn: Planned.Commons));
    [Fact] public void While_the_call_is_framed_a_member_waits_for_the_challenges() => NextSteps.For(Member with { Phase = CallPhase.Framing }).ShouldBe(new(NextStepKind.AwaitChallenges, PlannedOn: Planned.Challenges));
    [Fact] public void After_settlement_a_member_reads_the_results() => NextSteps.For(Member with { Phase = CallPhase.Results }).ShouldBe(new(NextStepKind.ReadResults));
    [Fact] public void In_follow_up_a_member_follows_its_working_groups() => NextSteps.For(Member with { Phase = CallPhase.FollowUp }).ShouldBe(new(NextStepKind.FollowWorkingGroups));

    [Fact] public void A_funder_that_pledged_nothing_is_asked_to_pledge_never_to_spread_a_budget() => NextSteps.For(Funder).ShouldBe(new(NextStepKind.Pledge, PlannedOn: Planned.Budgeting));
    [Fact] public void A_funder_that_pledged_watches_its_pledge_until_the_close() => NextSteps.For(Funder with { Pledged = 1_000_000 }).ShouldBe(new(NextStepKind.WatchPledge, 1_000_000, Closes));
    [Fact] public void A_funder_that_pledged_before_the_round_watches_it() => NextSteps.For(Funder with { Phase = CallPhase.Commons, Pledged = 1_000_000 }).ShouldBe(new(NextStepKind.WatchPledge, 1_000_000));
    [Fact] public void After_settlement_a_funder_reads_the_results() => NextSteps.For(Funder with { Phase = CallPhase.Results, Pledged = 1 }).ShouldBe(new(NextStepKind.ReadResults));

    [Fact] public void A_facilitator_distributes_the_pool_left() => NextSteps.For(Facilitator with { Ungranted = 5_000 }).ShouldBe(new(NextStepKind.DistributePool, 5_000, OpenWindow.FundingOpensAt));
    [Fact] public void A_facilitator_reviews_proposed_commons_first() => NextSteps.For(Facilitator with { Phase = CallPhase.Commons, CommonsToReview = 2, Ungranted = 5_000 }).ShouldBe(new(NextStepKind.ReviewCommons, 2, PlannedOn: Planned.Budgeting));
    [Fact] public void A_facilitator_watches_the_open_round() => NextSteps.For(Facilitator).ShouldBe(new(NextStepKind.WatchRound, Until: Closes));
    [Fact] public void A_facilitator_closes_the_round_once_the_window_is_over() => NextSteps.For(Facilitator with { Now = Closes }).ShouldBe(new(NextStepKind.CloseRound, Until: Closes));
    [Fact] public void A_facilitator_frames_a_draft_call() => NextSteps.For(Facilitator with { Phase = CallPhase.Draft }).ShouldBe(new(NextStepKind.FrameCall, PlannedOn: Planned.Challenges));
    [Fact] public void A_facilitator_member_is_guided_as_facilitator() => NextSteps.For(Facilitator with { IsMember = true }).Kind.ShouldBe(NextStepKind.WatchRound);

    [Fact] public void An_invited_organisation_answers_its_invitation() => NextSteps.For(Member with { IsMember = false, IsInvited = true }).ShouldBe(new(NextStepKind.AnswerInvitation));
    [Fact] public void A_visitor_is_told_nothing() => NextSteps.For(Member with { IsMember = false }).ShouldBe(NextStep.Nothing);
}
