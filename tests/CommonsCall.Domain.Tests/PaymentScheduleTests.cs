using CommonsCall.Domain.FollowUp;

namespace CommonsCall.Domain.Tests;

/// <summary>DESIGN.md "Follow-up": a schedule's percentages become exact minor units that sum to the award, rules 1 to 5 in order.</summary>
public class PaymentScheduleTests
{
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid Delivery = Guid.NewGuid();
    private static readonly IReadOnlySet<Guid> Milestones = new HashSet<Guid> { Second, Delivery };

    private static TrancheTerms[] Terms(params (Guid? Milestone, int Percent)[] t) => [.. t.Select(x => new TrancheTerms(x.Milestone, x.Percent))];

    private static readonly TrancheTerms[] Usual = Terms((null, 30), (Second, 40), (Delivery, 30));

    [Fact]
    public void Thirty_forty_thirty_of_a_round_award_is_exact() =>
        PaymentSchedule.Split(1_000_000, Usual, Milestones).ShouldSucceed().Select(t => t.Amount).ShouldBe([300_000, 400_000, 300_000]);

    [Fact]
    public void The_remainder_of_rounding_down_goes_to_the_last_tranche() =>
        // 30 % of 1 000.01 = 300.003 -> 300.00; 40 % = 400.004 -> 400.00; the last takes 300.01.
        PaymentSchedule.Split(100_001, Usual, Milestones).ShouldSucceed().Select(t => t.Amount).ShouldBe([30_000, 40_000, 30_001]);

    [Fact]
    public void Three_thirds_of_one_cent_give_the_cent_to_the_last_tranche() =>
        PaymentSchedule.Split(1, Terms((null, 33), (Second, 33), (Delivery, 34)), Milestones).ShouldSucceed().Select(t => t.Amount).ShouldBe([0, 0, 1]);

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(999_999_999L)]
    [InlineData(100_000_000_000_000L)]
    public void Tranches_always_sum_exactly_to_the_award(long award) =>
        PaymentSchedule.Split(award, Terms((null, 17), (Second, 41), (Delivery, 42)), Milestones).ShouldSucceed().Sum(t => t.Amount).ShouldBe(award);

    [Fact]
    public void A_single_tranche_on_delivery_is_the_whole_award() =>
        PaymentSchedule.Split(12_345, Terms((Delivery, 100)), Milestones).ShouldSucceed().Single().Amount.ShouldBe(12_345);

    // Rule 1: between one and twelve tranches.

    [Fact]
    public void An_empty_schedule_is_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, [], Milestones).ShouldBeRefusedWith("invalid_schedule");

    [Fact]
    public void Thirteen_tranches_are_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, [.. Enumerable.Range(0, 13).Select(_ => new TrancheTerms(Delivery, 1))], Milestones).ShouldBeRefusedWith("invalid_schedule");

    // Rule 2: each share is 1 to 100 %.

    [Fact]
    public void A_negative_percentage_is_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, Terms((null, -10), (Second, 10), (Delivery, 100)), Milestones).ShouldBeRefusedWith("invalid_schedule");

    [Fact]
    public void A_zero_percent_tranche_is_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, Terms((null, 0), (Delivery, 100)), Milestones).ShouldBeRefusedWith("invalid_schedule");

    // Rule 3: the shares sum to 100 %.

    [Fact]
    public void Percentages_summing_to_99_are_refused_with_tranches_not_100() =>
        PaymentSchedule.Split(1_000, Terms((null, 30), (Second, 40), (Delivery, 29)), Milestones).ShouldBeRefusedWith("tranches_not_100");

    [Fact]
    public void Percentages_summing_to_101_are_refused_with_tranches_not_100() =>
        PaymentSchedule.Split(1_000, Terms((null, 30), (Second, 40), (Delivery, 31)), Milestones).ShouldBeRefusedWith("tranches_not_100");

    // Rule 4: milestones of this commons, each once; the start once.

    [Fact]
    public void A_milestone_of_another_commons_is_refused_with_unknown_milestone() =>
        PaymentSchedule.Split(1_000, Terms((null, 30), (Guid.NewGuid(), 70)), Milestones).ShouldBeRefusedWith("unknown_milestone");

    [Fact]
    public void The_same_milestone_twice_is_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, Terms((Delivery, 50), (Delivery, 50)), Milestones).ShouldBeRefusedWith("invalid_schedule");

    [Fact]
    public void Two_tranches_at_the_start_are_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, Terms((null, 20), (null, 20), (Delivery, 60)), Milestones).ShouldBeRefusedWith("invalid_schedule");

    // Rule 5: the last tranche is paid on delivery.

    [Fact]
    public void A_last_tranche_paid_at_the_start_is_refused_with_invalid_schedule() =>
        PaymentSchedule.Split(1_000, Terms((Delivery, 50), (null, 50)), Milestones).ShouldBeRefusedWith("invalid_schedule");

    // Rule order.

    [Fact]
    public void A_wrong_sum_is_reported_before_an_unknown_milestone() =>
        PaymentSchedule.Split(1_000, Terms((Guid.NewGuid(), 50)), Milestones).ShouldBeRefusedWith("tranches_not_100");
}
