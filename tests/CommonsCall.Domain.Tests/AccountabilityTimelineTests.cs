using CommonsCall.Domain.Accountability;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 15 §6: a commons' traceable chain, dated and in order, telling the money only as the viewer may see it.</summary>
public class AccountabilityTimelineTests
{
    private static readonly DateTimeOffset T = TestClock.Start;

    private static readonly AccountabilityFacts Full = new(
        [new AnsweredChallenge(Guid.NewGuid(), "Comment prouver qu'un covoiturage a eu lieu ?", T)],
        T.AddDays(10),
        T.AddDays(20),
        new ContributionFacts(3, 150_000, T.AddDays(30), T.AddDays(40)),
        null,
        new FundingFacts(T.AddDays(50), 150_000, 20_000),
        T.AddDays(55),
        [new MilestoneFacts(Guid.NewGuid(), "Version bêta", T.AddDays(60), T.AddDays(62))],
        [new PaymentFacts(T.AddDays(55), 51_000, null), new PaymentFacts(T.AddDays(62), 68_000, "Version bêta")],
        [new CorrectionFacts(T.AddDays(70), 170_000, 160_000, "Abondement recalculé")],
        new ClosingFacts(T.AddDays(80), Cancelled: true, "Le porteur s'est retiré", 41_000));

    private static IReadOnlyList<TimelineStep> Steps(IReadOnlyList<TimelineEvent> events) => [.. events.Select(e => e.Step)];

    [Fact]
    public void The_chain_runs_from_the_challenge_to_the_cancellation_in_date_order() =>
        Steps(AccountabilityTimeline.Build(Full, TimelineSight.Everything)).ShouldBe(
        [
            TimelineStep.Challenge, TimelineStep.Proposal, TimelineStep.Approval, TimelineStep.Contributions, TimelineStep.Funding,
            TimelineStep.ScheduleAccepted, TimelineStep.TranchePaid, TimelineStep.MilestoneDeclared, TimelineStep.MilestoneAccepted,
            TimelineStep.TranchePaid, TimelineStep.Correction, TimelineStep.Cancellation,
        ]);

    [Fact]
    public void On_the_same_instant_the_chain_order_decides() =>
        Steps(AccountabilityTimeline.Build(Full with { ProposedAt = T, ApprovedAt = T }, TimelineSight.Everything)).Take(3)
            .ShouldBe([TimelineStep.Challenge, TimelineStep.Proposal, TimelineStep.Approval]);

    [Fact]
    public void Contributions_are_one_aggregated_event_dated_at_the_last_gift()
    {
        var given = AccountabilityTimeline.Build(Full, TimelineSight.Everything).Single(e => e.Step == TimelineStep.Contributions);

        (given.At, given.Count, given.Amount).ShouldBe((T.AddDays(40), (int?)3, (long?)150_000));
    }

    [Fact]
    public void A_viewer_who_sees_totals_but_not_who_gives_gets_no_count() =>
        AccountabilityTimeline.Build(Full, new TimelineSight(true, true, false)).Single(e => e.Step == TimelineStep.Contributions)
            .ShouldBe(new TimelineEvent(T.AddDays(40), TimelineStep.Contributions, Amount: 150_000));

    [Fact]
    public void Hidden_contributions_leave_no_trace_not_even_their_date() =>
        AccountabilityTimeline.Build(Full, new TimelineSight(true, false, false)).ShouldNotContain(e => e.Step == TimelineStep.Contributions);

    [Fact]
    public void Without_the_money_every_amount_is_left_out_but_the_chain_stays()
    {
        var events = AccountabilityTimeline.Build(Full, new TimelineSight(false, true, true));

        events.ShouldAllBe(e => e.Amount == null && e.Previous == null && e.Count == null);
        Steps(events).ShouldContain(TimelineStep.TranchePaid);
        Steps(events).ShouldNotContain(TimelineStep.Contributions);
    }

    [Fact]
    public void A_cancellation_tells_its_reason_and_what_went_back_to_the_pool() =>
        AccountabilityTimeline.Build(Full, TimelineSight.Everything)[^1].ShouldBe(
            new TimelineEvent(T.AddDays(80), TimelineStep.Cancellation, Amount: 41_000, Text: "Le porteur s'est retiré"));

    [Fact]
    public void A_correction_tells_the_award_before_and_after_with_its_reason() =>
        AccountabilityTimeline.Build(Full, TimelineSight.Everything).Single(e => e.Step == TimelineStep.Correction)
            .ShouldBe(new TimelineEvent(T.AddDays(70), TimelineStep.Correction, Amount: 160_000, Previous: 170_000, Text: "Abondement recalculé"));

    [Fact]
    public void A_delivered_commons_ends_with_its_delivery() =>
        AccountabilityTimeline.Build(Full with { Closing = new ClosingFacts(T.AddDays(90), false, null, 0) }, TimelineSight.Everything)[^1].Step
            .ShouldBe(TimelineStep.Delivery);

    [Fact]
    public void A_commons_not_funded_says_so_and_nothing_follows()
    {
        var facts = Full with { Funding = null, NotFundedAt = T.AddDays(50), ScheduleAcceptedAt = null, Milestones = [], Payments = [], Corrections = [], Closing = null };

        AccountabilityTimeline.Build(facts, TimelineSight.Everything)[^1].Step.ShouldBe(TimelineStep.NotFunded);
    }
}

/// <summary>The rules of a measured gain, one line per refusal, in their order.</summary>
public class MeasurePolicyTests
{
    private static readonly DateOnly Today = TestClock.Today;

    private static readonly Challenge Answered = AnsweredChallenge();

    private static readonly MeasureStatement Valid = new(Answered.Id, "Trajets certifiés par mois", 640m, Today, "Registre, export du mois");

    private static Challenge AnsweredChallenge()
    {
        var challenge = new Challenge(Guid.NewGuid(), Guid.NewGuid(), "Comment prouver qu'un covoiturage a eu lieu ?", "", TestClock.Start);
        challenge.Describe(new ChallengeContent(challenge.Question, null, [], null, null,
            [new ScenarioIndicator("Trajets certifiés par mois", 0m, 1_000m, "trajets")], null, null, null, 15, 20));
        return challenge;
    }

    private static string? Refusal(MeasureStatement statement, bool holder = true, bool funded = true, bool answered = true) =>
        MeasurePolicy.Check(statement, holder, funded, answered ? Answered : null, Today).Error?.Code;

    [Fact]
    public void A_holder_measures_a_funded_commons_indicator() => Refusal(Valid).ShouldBeNull();

    [Fact]
    public void A_measure_dated_today_or_earlier_is_accepted() => Refusal(Valid with { MeasuredOn = Today.AddYears(-1) }).ShouldBeNull();

    [Fact]
    public void The_indicator_name_may_carry_spaces_around_it() => Refusal(Valid with { Indicator = "  Trajets certifiés par mois " }).ShouldBeNull();

    [Fact]
    public void Someone_who_does_not_hold_the_commons_is_refused() => Refusal(Valid, holder: false).ShouldBe(ErrorCodes.Forbidden);

    [Fact]
    public void A_commons_not_funded_is_refused() => Refusal(Valid, funded: false).ShouldBe(ErrorCodes.CommonsNotFunded);

    [Fact]
    public void A_challenge_the_commons_does_not_answer_is_refused() => Refusal(Valid, answered: false).ShouldBe(ErrorCodes.UnknownChallenge);

    [Fact]
    public void An_indicator_the_challenge_lacks_is_refused() => Refusal(Valid with { Indicator = "Aires recensées" }).ShouldBe(ErrorCodes.UnknownIndicator);

    [Fact]
    public void A_measure_dated_tomorrow_is_refused() => Refusal(Valid with { MeasuredOn = Today.AddDays(1) }).ShouldBe(ErrorCodes.MeasuredInFuture);

    [Fact]
    public void Permission_is_checked_first() => Refusal(Valid with { MeasuredOn = Today.AddDays(1) }, holder: false, funded: false).ShouldBe(ErrorCodes.Forbidden);
}
