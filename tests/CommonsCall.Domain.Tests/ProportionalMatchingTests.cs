using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

/// <summary>
/// DESIGN.md's proportional matching: each unit given is matched by k units (k in thousandths), first come first
/// served, within the cap per commons and the matching pool; lowering a contribution releases only what its lower
/// amount no longer earns. Figures in cents.
/// </summary>
public class ProportionalMatchingTests
{
    /// <summary>k = 1 (1 € given, 2 € to the commons), a cap of 300.00 per commons, a pool of 1 000.00, nothing reserved yet.</summary>
    private static readonly ProportionalState OneForOne = new(RatioPerMille: 1_000, CapPerCommons: 30_000, Pool: 100_000, PoolReserved: 0, CommonsReserved: 0, ContributionReserved: 0);

    private static long Reserve(ProportionalState state, long before, long after) => ProportionalMatching.Reserve(state, before, after).After;

    [Fact]
    public void One_euro_given_brings_one_euro_of_match_so_two_euros_reach_the_commons() =>
        Reserve(OneForOne, 0, 100).ShouldBe(100);

    [Fact]
    public void Hundred_euros_given_under_k_one_reserve_hundred_euros() =>
        Reserve(OneForOne, 0, 10_000).ShouldBe(10_000);

    [Fact]
    public void Gift_above_the_cap_is_matched_up_to_the_cap() =>
        Reserve(OneForOne, 0, 50_000).ShouldBe(30_000);

    [Fact]
    public void Gift_to_a_commons_near_its_cap_is_matched_by_what_the_cap_leaves() =>
        Reserve(OneForOne with { CommonsReserved = 25_000 }, 0, 10_000).ShouldBe(5_000);

    [Fact]
    public void Gift_to_a_commons_at_its_cap_reserves_nothing() =>
        Reserve(OneForOne with { CommonsReserved = 30_000, PoolReserved = 30_000 }, 0, 10_000).ShouldBe(0);

    [Fact]
    public void Gift_when_the_pool_is_nearly_spent_gets_what_is_left_first_come_first_served() =>
        Reserve(OneForOne with { PoolReserved = 99_950 }, 0, 10_000).ShouldBe(50);

    [Fact]
    public void Gift_after_the_pool_is_spent_reserves_nothing() =>
        Reserve(OneForOne with { PoolReserved = 100_000 }, 0, 10_000).ShouldBe(0);

    [Fact]
    public void Half_ratio_matches_half_of_each_unit_floored() =>
        Reserve(OneForOne with { RatioPerMille = 500 }, 0, 301).ShouldBe(150);

    [Fact]
    public void Raise_in_steps_is_matched_like_one_gift_of_the_sum() =>
        Reserve(OneForOne with { RatioPerMille = 500, ContributionReserved = 1 }, 3, 4).ShouldBe(2);

    [Fact]
    public void Zero_ratio_matches_nothing() =>
        Reserve(OneForOne with { RatioPerMille = 0 }, 0, 10_000).ShouldBe(0);

    [Fact]
    public void Raise_after_a_short_match_is_matched_on_what_it_adds_only() =>
        Reserve(OneForOne with { ContributionReserved = 50, CommonsReserved = 50, PoolReserved = 50 }, 100, 150).ShouldBe(100);

    [Fact]
    public void Lowering_a_contribution_releases_what_its_lower_amount_no_longer_earns() =>
        Reserve(OneForOne with { ContributionReserved = 10_000 }, 10_000, 4_000).ShouldBe(4_000);

    [Fact]
    public void Withdrawing_a_contribution_releases_its_whole_reservation() =>
        Reserve(OneForOne with { ContributionReserved = 10_000 }, 10_000, 0).ShouldBe(0);

    [Fact]
    public void Lowering_a_short_matched_contribution_keeps_its_reservation_while_the_rest_still_earns_it() =>
        Reserve(OneForOne with { ContributionReserved = 50 }, 10_000, 7_000).ShouldBe(50);

    [Fact]
    public void Unchanged_contribution_keeps_its_reservation() =>
        Reserve(OneForOne with { ContributionReserved = 70 }, 100, 100).ShouldBe(70);

    [Fact]
    public void Ratio_times_the_largest_long_does_not_overflow() =>
        ProportionalMatching.Earned(long.MaxValue, ProportionalMatching.MaximumRatioPerMille).ShouldBe(long.MaxValue);

    [Fact]
    public void Gift_of_the_largest_long_at_the_largest_ratio_is_matched_up_to_the_largest_pool() =>
        Reserve(new ProportionalState(ProportionalMatching.MaximumRatioPerMille, long.MaxValue, long.MaxValue, 0, 0, 0), 0, long.MaxValue).ShouldBe(long.MaxValue);

    [Fact]
    public void Largest_amount_at_the_largest_ratio_is_matched_exactly() =>
        ProportionalMatching.Earned(Amounts.Maximum, ProportionalMatching.MaximumRatioPerMille).ShouldBe(100 * Amounts.Maximum);

    [Fact]
    public void Hundred_gifts_in_turn_never_reserve_more_than_the_pool_nor_the_cap()
    {
        // 100 members give 3.00 each to one commons, k = 1, cap 250.00, pool 200.00: the first 66 get 3.00, the 67th 2.00.
        var state = OneForOne with { CapPerCommons = 25_000, Pool = 20_000 };
        var reserved = new List<long>();
        for (var i = 0; i < 100; i++)
        {
            var match = Reserve(state, 0, 300);
            reserved.Add(match);
            state = state with { PoolReserved = state.PoolReserved + match, CommonsReserved = state.CommonsReserved + match };
        }

        reserved.Sum().ShouldBe(20_000);
        reserved.Take(66).ShouldAllBe(m => m == 300);
        reserved[66].ShouldBe(200);
        reserved.Skip(67).ShouldAllBe(m => m == 0);
    }

    [Fact]
    public void Preview_of_a_hundred_euro_gift_under_k_one_is_hundred_euros() =>
        MatchPreview.Proportional(OneForOne, 0, 10_000).ShouldBe(10_000);

    [Fact]
    public void Preview_of_a_withdrawal_is_the_release() =>
        MatchPreview.Proportional(OneForOne with { ContributionReserved = 2_000 }, 2_000, 0).ShouldBe(-2_000);
}
