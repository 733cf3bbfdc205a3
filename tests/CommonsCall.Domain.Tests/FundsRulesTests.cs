using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>Money entering the call: pledges, grants against the pool, and what a settled round awards.</summary>
public class FundsRulesTests
{
    private static readonly Guid Funder = Guid.NewGuid();

    [Theory]
    [InlineData(1, null)]
    [InlineData(Amounts.Maximum, null)]
    [InlineData(0, ErrorCodes.InvalidAmount)]
    [InlineData(-5, ErrorCodes.InvalidAmount)]
    [InlineData(Amounts.Maximum + 1, ErrorCodes.InvalidAmount)]
    public void A_pledge_is_a_positive_amount_at_most_the_maximum(long amount, string? refusal)
    {
        var pledge = Pledge.Make(ACall.In(CallPhase.Budgeting), Funder, amount, isMatching: false, "user", ACall.CreatedAt);

        pledge.Error?.Code.ShouldBe(refusal);
    }

    [Fact]
    public void A_settled_round_takes_no_pledge() =>
        Pledge.Make(ACall.In(CallPhase.Results), Funder, 10_000, isMatching: true, "user", ACall.CreatedAt).ShouldBeRefusedWith(ErrorCodes.RoundClosed);

    [Theory]
    [InlineData(CallPhase.Budgeting, false)]
    [InlineData(CallPhase.Results, true)]
    [InlineData(CallPhase.FollowUp, true)]
    public void The_round_is_settled_from_Results_on(CallPhase phase, bool settled)
    {
        phase.IsSettled().ShouldBe(settled);
        ACall.In(phase).IsSettled.ShouldBe(settled);
    }

    [Fact]
    public void Grants_within_the_pool_pass_and_count_everyone_elses_current_grant()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var (total, error) = GrantDistribution.Check(new Dictionary<Guid, long> { [a] = 40_000, [b] = 10_000 }, [new(a, 50_000, IsValid: true)], pool: 60_000);

        total.ShouldBe(60_000);
        error.ShouldBeNull();
    }

    [Fact]
    public void Grants_over_the_pool_are_refused() =>
        GrantDistribution.Check(new Dictionary<Guid, long> { [Guid.NewGuid()] = 30_000 }, [new(Guid.NewGuid(), 30_001, IsValid: true)], pool: 60_000)
            .ErrorCode.ShouldBe(ErrorCodes.ExceedsPool);

    [Fact]
    public void An_invalid_line_keeps_its_members_current_grant()
    {
        var a = Guid.NewGuid();

        GrantDistribution.Check(new Dictionary<Guid, long> { [a] = 10_000 }, [new(a, 90_000, IsValid: false)], pool: 20_000)
            .ShouldBe((10_000L, (string?)null));
    }

    [Fact]
    public void An_organisation_twice_in_a_distribution_is_refused()
    {
        var a = Guid.NewGuid();

        GrantDistribution.Check(new Dictionary<Guid, long>(), [new(a, 1, IsValid: true), new(a, 2, IsValid: true)], pool: 100).ErrorCode.ShouldBe(ErrorCodes.Validation);
    }

    [Theory]
    [InlineData(true, 70_000, 5_000, 75_000)]
    [InlineData(false, 70_000, 5_000, 0)]
    public void A_commons_is_awarded_its_total_and_match_only_when_funded(bool funded, long total, long match, long awarded)
    {
        CommonsOutcome.AwardedOf(funded, total, match).ShouldBe(awarded);
        new CommonsOutcome(Guid.NewGuid(), funded, total, 0, match).Awarded.ShouldBe(awarded);
    }
}
