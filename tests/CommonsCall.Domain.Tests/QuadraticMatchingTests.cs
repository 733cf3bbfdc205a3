using System.Numerics;
using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

/// <summary>
/// DESIGN.md: <c>S_c = (sum sqrt(contribution))^2 - sum contributions</c>, <c>alpha = min(1, pool / sum S_c)</c>,
/// <c>match_c = alpha * S_c</c> in whole units (floors, then the units left to the largest remainders), capped at the
/// maximum goal; what is not matched stays in the pool. Expected figures are computed by hand in the comments.
/// </summary>
public class QuadraticMatchingTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();

    /// <summary>Four contributions of 1.00: S = (4 * 10)^2 - 400 = 1200.</summary>
    private static MatchingCandidate FourEqual(Guid id, long maximumGoal = 1_000_000) =>
        new(id, 400, maximumGoal, [100, 100, 100, 100]);

    /// <summary>4.00 and 1.00: S = (20 + 10)^2 - 500 = 400.</summary>
    private static MatchingCandidate FourHundredAndHundred(Guid id, long maximumGoal = 1_000_000) =>
        new(id, 500, maximumGoal, [400, 100]);

    /// <summary>A subsidy in whole units and billionths of a unit (the fixed point is 10^-24; its slack is far smaller).</summary>
    private static (BigInteger Units, BigInteger Billionths) Units(BigInteger subsidy) =>
        (subsidy / QuadraticMatching.SubsidyScale, subsidy % QuadraticMatching.SubsidyScale / BigInteger.Pow(10, 15));

    [Fact]
    public void Subsidy_of_four_equal_perfect_square_contributions_is_exact() =>
        Units(QuadraticMatching.Subsidy([100, 100, 100, 100])).ShouldBe((1200, 0));

    [Fact]
    public void Subsidy_of_one_and_two_is_two_square_roots_of_two()
    {
        // (1 + sqrt 2)^2 - 3 = 1 + 2 sqrt 2 + 2 - 3 = 2 sqrt 2 = 2.828427124746190097603377448...
        var s = QuadraticMatching.Subsidy([1, 2]);

        (s - BigInteger.Parse("2828427124746190097603377")).ShouldBeInRange(0, 100);
    }

    [Fact]
    public void Subsidy_of_a_single_contributor_is_zero()
    {
        QuadraticMatching.Subsidy([5_000]).ShouldBe(BigInteger.Zero);
        QuadraticMatching.Subsidy([2]).ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void Withdrawn_contributions_do_not_count_as_contributors() =>
        QuadraticMatching.Subsidy([5_000, 0, 0]).ShouldBe(BigInteger.Zero);

    [Fact]
    public void Pool_larger_than_the_subsidy_matches_it_in_full_and_keeps_the_rest()
    {
        var result = QuadraticMatching.Compute(10_000, [FourEqual(A)]);

        result.Matches[A].ShouldBe(1_200);
        result.Matched.ShouldBe(1_200);
        result.Unmatched.ShouldBe(8_800);
    }

    [Fact]
    public void Pool_larger_than_the_sum_of_subsidies_gives_alpha_one_to_every_commons()
    {
        // sum S = 1200 + 400 = 1600 <= 10 000, so alpha = 1 and each commons gets its S.
        var result = QuadraticMatching.Compute(10_000, [FourEqual(A), FourHundredAndHundred(B)]);

        result.Matches[A].ShouldBe(1_200);
        result.Matches[B].ShouldBe(400);
        result.Matched.ShouldBe(1_600);
        result.Unmatched.ShouldBe(8_400);
    }

    [Fact]
    public void Pool_smaller_than_the_sum_of_subsidies_is_shared_in_proportion_and_the_cent_left_goes_to_the_largest_remainder()
    {
        // sum S = 1600, alpha = 999 / 1600 = 0.624375
        // A: 0.624375 * 1200 = 749.25 -> 749
        // B: 0.624375 *  400 = 249.75 -> 249, plus the cent the floors left (B's remainder is the largest): 250
        var result = QuadraticMatching.Compute(999, [FourEqual(A), FourHundredAndHundred(B)]);

        result.Matches[A].ShouldBe(749);
        result.Matches[B].ShouldBe(250);
        result.Matched.ShouldBe(999);
        result.Unmatched.ShouldBe(0);
    }

    [Fact]
    public void Pool_shared_by_three_equal_commons_gives_the_indivisible_cent_to_the_smallest_id()
    {
        // sum S = 3600, alpha = 1000 / 3600; each 333.33..., equal remainders: the cent goes to the smallest id.
        var result = QuadraticMatching.Compute(1_000, [FourEqual(A), FourEqual(B), FourEqual(C)]);

        var first = new[] { A, B, C }.Min();
        result.Matches[first].ShouldBe(334);
        result.Matches.Where(m => m.Key != first).ShouldAllBe(m => m.Value == 333);
        result.Unmatched.ShouldBe(0);
    }

    [Fact]
    public void Single_commons_whose_subsidy_exceeds_the_pool_receives_the_whole_pool()
    {
        // S = 1200, alpha = 1000 / 1200 = 5/6, match = floor(5/6 * 1200) = floor(1000) = 1000.
        var result = QuadraticMatching.Compute(1_000, [FourEqual(A)]);

        result.Matches[A].ShouldBe(1_000);
        result.Unmatched.ShouldBe(0);
    }

    [Fact]
    public void Single_commons_with_a_small_subsidy_above_the_pool_receives_the_whole_pool()
    {
        // {1, 9}: S = (1 + 3)^2 - 10 = 6, alpha = 5/6, match = floor(5/6 * 6) = 5.
        var result = QuadraticMatching.Compute(5, [new MatchingCandidate(A, 10, 1_000, [1, 9])]);

        result.Matches[A].ShouldBe(5);
        result.Unmatched.ShouldBe(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Single_commons_with_an_irrational_subsidy_above_the_pool_receives_the_whole_pool(long pool)
    {
        // {1, 5}: S = (1 + sqrt 5)^2 - 6 = 2 sqrt 5 = 4.47, alpha = pool / S, match = floor(pool).
        var result = QuadraticMatching.Compute(pool, [new MatchingCandidate(A, 6, 1_000, [1, 5])]);

        result.Matches[A].ShouldBe(pool);
        result.Unmatched.ShouldBe(0);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    public void Two_members_giving_the_same_amount_are_matched_twice_that_amount(long amount)
    {
        // {a, a}: S = (2 sqrt a)^2 - 2a = 2a exactly, although sqrt a is irrational.
        var result = QuadraticMatching.Compute(1_000_000, [new MatchingCandidate(A, 2 * amount, 1_000_000, [amount, amount])]);

        result.Matches[A].ShouldBe(2 * amount);
    }

    [Fact]
    public void Identical_commons_share_the_pool_equally()
    {
        // Two commons with {10, 10}: S = 20 each, sum S = 40, alpha = 30 / 40, each floor(15) = 15.
        var result = QuadraticMatching.Compute(30, [new MatchingCandidate(A, 20, 1_000, [10, 10]), new MatchingCandidate(B, 20, 1_000, [10, 10])]);

        result.Matches[A].ShouldBe(15);
        result.Matches[B].ShouldBe(15);
        result.Unmatched.ShouldBe(0);
    }

    [Fact]
    public void Irrational_subsidy_is_floored_to_whole_cents_with_a_big_pool()
    {
        // S = 2 sqrt 2 = 2.828..., alpha = 1, match = floor(2.828...) = 2.
        var result = QuadraticMatching.Compute(1_000_000, [new MatchingCandidate(A, 3, 1_000, [1, 2])]);

        result.Matches[A].ShouldBe(2);
        result.Unmatched.ShouldBe(999_998);
    }

    [Fact]
    public void Match_is_capped_at_the_maximum_goal_and_the_rest_stays_unmatched()
    {
        // S = 1200 but total 400 + match may not exceed 1000: match = 600, 9 400 stay in the pool.
        var result = QuadraticMatching.Compute(10_000, [FourEqual(A, maximumGoal: 1_000)]);

        result.Matches[A].ShouldBe(600);
        result.Matched.ShouldBe(600);
        result.Unmatched.ShouldBe(9_400);
    }

    [Fact]
    public void Capped_commons_does_not_pass_its_surplus_to_the_others()
    {
        // alpha = 999 / 1600 as above: A would get 749 but its room is 1000 - 400 = 600; B keeps 250.
        // Matched 850, so 149 stay in the pool.
        var result = QuadraticMatching.Compute(999, [FourEqual(A, maximumGoal: 1_000), FourHundredAndHundred(B)]);

        result.Matches[A].ShouldBe(600);
        result.Matches[B].ShouldBe(250);
        result.Unmatched.ShouldBe(149);
    }

    [Fact]
    public void Commons_already_at_its_maximum_gets_no_match()
    {
        var result = QuadraticMatching.Compute(10_000, [FourEqual(A, maximumGoal: 400)]);

        result.Matches[A].ShouldBe(0);
        result.Unmatched.ShouldBe(10_000);
    }

    [Fact]
    public void Single_contributor_commons_gets_no_match_and_the_pool_stays_unmatched()
    {
        var result = QuadraticMatching.Compute(1_000, [new MatchingCandidate(A, 5_000, 10_000, [5_000])]);

        result.Matches[A].ShouldBe(0);
        result.Unmatched.ShouldBe(1_000);
    }

    [Fact]
    public void Single_contributor_commons_gets_nothing_while_the_others_share_the_pool()
    {
        // sum S = 1200 + 0, alpha = 600 / 1200 = 0.5: A gets 600, the single-contributor commons 0.
        var result = QuadraticMatching.Compute(600, [FourEqual(A), new MatchingCandidate(B, 5_000, 10_000, [5_000])]);

        result.Matches[A].ShouldBe(600);
        result.Matches[B].ShouldBe(0);
        result.Unmatched.ShouldBe(0);
    }

    [Fact]
    public void Many_small_contributors_attract_more_match_than_one_large_contributor_of_the_same_total()
    {
        // A: 100 contributions of 1.00: S = (100 * 10)^2 - 10 000 = 990 000. B: one of 100.00: S = 0.
        var many = new MatchingCandidate(A, 10_000, 10_000_000, Enumerable.Repeat(100L, 100).ToList());
        var one = new MatchingCandidate(B, 10_000, 10_000_000, [10_000]);

        var result = QuadraticMatching.Compute(5_000_000, [many, one]);

        result.Matches[A].ShouldBe(990_000);
        result.Matches[B].ShouldBe(0);
    }

    [Fact]
    public void Zero_pool_gives_every_commons_a_zero_match()
    {
        var result = QuadraticMatching.Compute(0, [FourEqual(A), FourHundredAndHundred(B)]);

        result.Matches.Count.ShouldBe(2);
        result.Matches.Values.ShouldAllBe(m => m == 0);
        result.Matched.ShouldBe(0);
        result.Unmatched.ShouldBe(0);
    }

    [Fact]
    public void No_funded_commons_leaves_the_whole_pool_unmatched()
    {
        var result = QuadraticMatching.Compute(1_000, []);

        result.Matches.ShouldBeEmpty();
        result.Unmatched.ShouldBe(1_000);
    }

    [Fact]
    public void Matches_never_exceed_the_pool_nor_each_commons_subsidy()
    {
        MatchingCandidate[] candidates =
        [
            new(A, 3, 1_000_000, [1, 2]),
            new(B, 20, 1_000_000, [10, 10]),
            new(C, 415, 1_000_000, [3, 5, 7, 400]),
        ];
        var subsidies = candidates.ToDictionary(c => c.CommonsId, c => QuadraticMatching.Subsidy(c.Contributions));

        for (long pool = 0; pool <= 1_300; pool++)
        {
            var result = QuadraticMatching.Compute(pool, candidates);

            result.Matched.ShouldBeLessThanOrEqualTo(pool);
            result.Matched.ShouldBe(result.Matches.Values.Sum());
            foreach (var (id, match) in result.Matches)
            {
                match.ShouldBeGreaterThanOrEqualTo(0);
                (match * QuadraticMatching.SubsidyScale).ShouldBeLessThanOrEqualTo(subsidies[id]);
            }
        }
    }

    [Fact]
    public void Negative_pool_is_a_programming_error() =>
        Should.Throw<ArgumentOutOfRangeException>(() => QuadraticMatching.Compute(-1, [FourEqual(A)]));
}
