using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

/// <summary>
/// Matching in integers: shares of the pool floored then completed by the largest remainders (ties to the smaller id),
/// no overflow at <see cref="long"/> limits, the optional redistribution of capped commons' surplus and its
/// convergence, the mode carried by the settlement, and the preview of a gift's match.
/// </summary>
public class MatchingExactnessTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    private static readonly BudgetRules Redistributing = BudgetRules.Default with { RedistributeQuadraticSurplus = true };

    private static MatchingCandidate FourEqual(Guid id, long maximumGoal = 1_000_000) => new(id, 400, maximumGoal, [100, 100, 100, 100]);

    private static MatchingCandidate FourHundredAndHundred(Guid id, long maximumGoal = 1_000_000) => new(id, 500, maximumGoal, [400, 100]);

    private static ExactShares.Claim Claim(Guid id, long weight, long bound = long.MaxValue) => new(id, weight, bound);

    [Fact]
    public void Ten_shared_by_three_equal_weights_gives_the_left_unit_to_the_smallest_id() =>
        ExactShares.Share(10, [Claim(C, 1), Claim(A, 1), Claim(B, 1)]).OrderBy(s => s.Key).Select(s => s.Value).ShouldBe([4, 3, 3]);

    [Fact]
    public void Units_left_by_the_floors_go_to_the_largest_remainders() =>
        ExactShares.Share(10, [Claim(A, 1), Claim(B, 2), Claim(C, 4)]).OrderBy(s => s.Key).Select(s => s.Value).ShouldBe([1, 3, 6]);

    [Fact]
    public void Share_never_exceeds_its_bound_and_what_the_bound_refuses_is_left() =>
        ExactShares.Share(10, [Claim(A, 1, bound: 2), Claim(B, 1)]).Values.Sum().ShouldBe(7);

    [Fact]
    public void Largest_long_shared_by_weights_of_the_largest_long_sums_exactly() =>
        ExactShares.Share(long.MaxValue, [Claim(A, long.MaxValue), Claim(B, long.MaxValue - 1), Claim(C, 3)]).Values.Sum().ShouldBe(long.MaxValue);

    [Fact]
    public void Pool_below_the_subsidies_is_matched_to_the_unit_for_every_pool()
    {
        MatchingCandidate[] irrational = [new(A, 3, long.MaxValue, [1, 2]), new(B, 6, long.MaxValue, [1, 5]), new(C, 415, long.MaxValue, [3, 5, 7, 400])];
        for (long pool = 0; pool <= 100; pool++)
        {
            QuadraticMatching.Compute(pool, irrational).Matched.ShouldBe(pool);
        }
    }

    [Fact]
    public void Close_at_the_largest_amounts_does_not_overflow_and_matches_the_whole_pool()
    {
        // Ten gifts of 10^14 to each of three commons: S = 90 * 10^14 each; the pool 10^14 is below their sum.
        var gifts = Enumerable.Repeat(Amounts.Maximum, 10).ToList();
        MatchingCandidate[] huge = [new(A, 10 * Amounts.Maximum, long.MaxValue, gifts), new(B, 10 * Amounts.Maximum, long.MaxValue, gifts), new(C, 10 * Amounts.Maximum, long.MaxValue, gifts)];

        var result = QuadraticMatching.Compute(Amounts.Maximum, huge);

        result.Matched.ShouldBe(Amounts.Maximum);
        result.Matches[A].ShouldBe(33_333_333_333_334);
    }

    [Fact]
    public void Pool_of_the_largest_long_matches_each_subsidy_in_full_at_the_largest_amounts()
    {
        var gifts = Enumerable.Repeat(Amounts.Maximum, 10).ToList();

        var result = QuadraticMatching.Compute(long.MaxValue, [new(A, 10 * Amounts.Maximum, long.MaxValue, gifts)]);

        result.Matches[A].ShouldBe(90 * Amounts.Maximum);
    }

    [Fact]
    public void Redistribution_gives_what_a_capped_commons_cannot_take_to_the_others()
    {
        // alpha = 999 / 1600: A would get 749 but its room is 600; B 250. Then the 149 left go to B (up to its S = 400).
        var result = QuadraticMatching.Compute(999, [FourEqual(A, maximumGoal: 1_000), FourHundredAndHundred(B)], redistribute: true);

        result.Matches[A].ShouldBe(600);
        result.Matches[B].ShouldBe(399);
        result.Unmatched.ShouldBe(0);
        result.Rounds.ShouldBe(2);
    }

    [Fact]
    public void Without_redistribution_the_capped_surplus_stays_in_the_pool() =>
        QuadraticMatching.Compute(999, [FourEqual(A, maximumGoal: 1_000), FourHundredAndHundred(B)]).Unmatched.ShouldBe(149);

    [Fact]
    public void Redistribution_stops_when_every_commons_is_capped() =>
        QuadraticMatching.Compute(10_000, [FourEqual(A, maximumGoal: 1_000), FourHundredAndHundred(B, maximumGoal: 600)], redistribute: true)
            .Matches.OrderBy(s => s.Key).Select(s => s.Value).ShouldBe([600, 100]);

    [Fact]
    public void Redistribution_never_lifts_a_commons_above_its_subsidy() =>
        QuadraticMatching.Compute(10_000, [FourEqual(A, maximumGoal: 1_000), FourHundredAndHundred(B)], redistribute: true).Matches[B].ShouldBe(400);

    [Fact]
    public void Redistribution_converges_in_at_most_one_round_per_commons_to_a_pool_spent_or_every_commons_capped()
    {
        var random = new Random(20261207);
        for (var trial = 0; trial < 300; trial++)
        {
            var candidates = Enumerable.Range(0, random.Next(1, 9)).Select(_ =>
            {
                var gifts = Enumerable.Range(0, random.Next(0, 6)).Select(_ => (long)random.Next(0, 10_000)).ToList();
                var total = gifts.Sum();
                return new MatchingCandidate(Guid.NewGuid(), total, total + random.Next(0, 20_000), gifts);
            }).ToList();
            var pool = (long)random.Next(0, 100_000);

            var result = QuadraticMatching.Compute(pool, candidates, redistribute: true);

            result.Rounds.ShouldBeLessThanOrEqualTo(candidates.Count + 1);
            result.Matched.ShouldBe(result.Matches.Values.Sum());
            result.Matched.ShouldBeLessThanOrEqualTo(pool);
            var capped = candidates.All(c => result.Matches[c.CommonsId] == Math.Min(c.MaximumGoal - c.Total, (long)(QuadraticMatching.Subsidy(c.Contributions) / QuadraticMatching.SubsidyScale)));
            (result.Unmatched == 0 || capped).ShouldBeTrue($"trial {trial}: {result.Unmatched} left while a commons could take more");
            QuadraticMatching.Compute(pool, candidates).Matched.ShouldBeLessThanOrEqualTo(result.Matched);
        }
    }

    [Fact]
    public void Settlement_under_proportional_matching_keeps_the_reserved_match_of_funded_commons_and_releases_the_others()
    {
        var rules = BudgetRules.Default with { MatchingMode = MatchingMode.Proportional };
        SettlementCommons[] commons =
        [
            new(A, 1_000, 5_000, new Dictionary<Guid, long> { [B] = 1_000 }, ReservedMatch: 1_000),
            new(B, 1_000, 5_000, new Dictionary<Guid, long> { [B] = 400 }, ReservedMatch: 400),
        ];

        var result = Settlement.Settle(commons, 10_000, rules);

        result.Mode.ShouldBe(MatchingMode.Proportional);
        result.Commons.Select(c => (c.CommonsId, c.Match)).ShouldBe([(A, 1_000), (B, 0)]);
        result.UnmatchedPool.ShouldBe(9_000);
    }

    [Fact]
    public void Settlement_redistributes_only_when_the_rules_say_so()
    {
        SettlementCommons[] commons =
        [
            new(A, 0, 1_000, new Dictionary<Guid, long> { [A] = 100, [B] = 100, [C] = 100, [Guid.Empty] = 100 }),
            new(B, 0, 1_000_000, new Dictionary<Guid, long> { [A] = 400, [B] = 100 }),
        ];

        Settlement.Settle(commons, 999).Matched.ShouldBe(850);
        Settlement.Settle(commons, 999, Redistributing).Matched.ShouldBe(999);
    }

    [Fact]
    public void Quadratic_preview_is_the_change_of_the_commons_match_if_the_round_closed_now()
    {
        // Three gifts of 1.00: S = 600; a fourth: S = 1200. The pool covers both: the gift would bring 6.00 more.
        SettlementCommons[] commons = [new(A, 0, 1_000_000, new Dictionary<Guid, long> { [A] = 100, [B] = 100, [C] = 100 })];

        MatchPreview.Quadratic(commons, 100_000, BudgetRules.Default, A, Guid.Empty, 100).ShouldBe(600);
    }

    [Fact]
    public void Quadratic_preview_of_a_commons_below_its_minimum_counts_only_once_it_would_be_funded()
    {
        SettlementCommons[] commons = [new(A, 400, 1_000_000, new Dictionary<Guid, long> { [A] = 100, [B] = 100 })];

        MatchPreview.Quadratic(commons, 100_000, BudgetRules.Default, A, C, 100).ShouldBe(0);
        MatchPreview.Quadratic(commons, 100_000, BudgetRules.Default, A, C, 200).ShouldBeGreaterThan(0);
    }
}
