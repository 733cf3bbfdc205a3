using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

/// <summary>DESIGN.md, closing the round: funded at or above the minimum goal, released below it, then matched.</summary>
public class SettlementTests
{
    private static readonly Guid Alpha = Guid.NewGuid();
    private static readonly Guid Beta = Guid.NewGuid();
    private static readonly Guid Gamma = Guid.NewGuid();

    private static SettlementCommons ACommons(Guid id, long minimumGoal, long maximumGoal, params long[] contributions) =>
        new(id, minimumGoal, maximumGoal, contributions.ToDictionary(_ => Guid.NewGuid(), amount => amount));

    private static CommonsOutcome Single(SettlementCommons commons, long matchingPool = 0) =>
        Settlement.Settle([commons], matchingPool).Commons.ShouldHaveSingleItem();

    [Fact]
    public void Commons_exactly_at_its_minimum_goal_is_funded_for_its_total()
    {
        var outcome = Single(ACommons(Alpha, minimumGoal: 1_000, maximumGoal: 2_000, 600, 400));

        outcome.Funded.ShouldBeTrue();
        outcome.Total.ShouldBe(1_000);
        outcome.Released.ShouldBe(0);
        outcome.Awarded.ShouldBe(1_000);
    }

    [Fact]
    public void Commons_one_cent_below_its_minimum_goal_is_not_funded_and_releases_its_total()
    {
        var outcome = Single(ACommons(Alpha, minimumGoal: 1_000, maximumGoal: 2_000, 600, 399));

        outcome.Funded.ShouldBeFalse();
        outcome.Total.ShouldBe(0, "a commons not funded keeps none of its contributions");
        outcome.Released.ShouldBe(999);
        outcome.Awarded.ShouldBe(0);
    }

    [Fact]
    public void Commons_at_its_maximum_goal_is_funded()
    {
        var outcome = Single(ACommons(Alpha, minimumGoal: 1_000, maximumGoal: 2_000, 1_500, 500));

        outcome.Funded.ShouldBeTrue();
        outcome.Awarded.ShouldBe(2_000);
    }

    [Fact]
    public void Commons_at_its_maximum_goal_gets_no_match_and_the_pool_stays_unmatched()
    {
        // {1 000, 1 000}: S = 2 000, but there is no room left under the maximum.
        var result = Settlement.Settle([ACommons(Alpha, minimumGoal: 1_000, maximumGoal: 2_000, 1_000, 1_000)], matchingPool: 5_000);

        var outcome = result.Commons.ShouldHaveSingleItem();
        outcome.Funded.ShouldBeTrue();
        outcome.Match.ShouldBe(0);
        outcome.Awarded.ShouldBe(2_000);
        result.UnmatchedPool.ShouldBe(5_000);
    }

    [Fact]
    public void Commons_nobody_contributed_to_is_not_funded_and_releases_nothing()
    {
        var outcome = Single(ACommons(Alpha, minimumGoal: 1_000, maximumGoal: 2_000));

        outcome.Funded.ShouldBeFalse();
        outcome.Released.ShouldBe(0);
    }

    [Fact]
    public void Funded_commons_receives_its_total_plus_its_match()
    {
        // {100, 100, 100, 100}: S = (4 * 10)^2 - 400 = 1 200 <= pool, so the match is 1 200.
        var result = Settlement.Settle([ACommons(Alpha, minimumGoal: 400, maximumGoal: 10_000, 100, 100, 100, 100)], matchingPool: 2_000);

        var outcome = result.Commons.ShouldHaveSingleItem();
        outcome.Match.ShouldBe(1_200);
        outcome.Awarded.ShouldBe(1_600);
        result.Matched.ShouldBe(1_200);
        result.UnmatchedPool.ShouldBe(800);
    }

    [Fact]
    public void Several_commons_are_settled_together_and_only_funded_ones_share_the_matching_pool()
    {
        // Alpha: min 300, {100 x 4}: total 400, funded, S = 1 200.
        // Beta:  min 5 000, {400, 100}: total 500, NOT funded, releases 500 (its S = 400 must not count).
        // Gamma: min 500, max 600, {400, 100}: total 500 exactly at its minimum, funded, S = 400, room 100.
        // Funded sum S = 1 600, alpha = 1 000 / 1 600 = 0.625:
        //   Alpha floor(0.625 * 1 200) = 750; Gamma floor(0.625 * 400) = 250, capped at 100.
        // Matched 850, 150 stay in the pool.
        var result = Settlement.Settle(
            [
                ACommons(Alpha, minimumGoal: 300, maximumGoal: 10_000, 100, 100, 100, 100),
                ACommons(Beta, minimumGoal: 5_000, maximumGoal: 10_000, 400, 100),
                ACommons(Gamma, minimumGoal: 500, maximumGoal: 600, 400, 100),
            ],
            matchingPool: 1_000);

        var byId = result.Commons.ToDictionary(c => c.CommonsId);
        byId[Alpha].ShouldBe(new CommonsOutcome(Alpha, Funded: true, Total: 400, Released: 0, Match: 750));
        byId[Beta].ShouldBe(new CommonsOutcome(Beta, Funded: false, Total: 0, Released: 500, Match: 0));
        byId[Gamma].ShouldBe(new CommonsOutcome(Gamma, Funded: true, Total: 500, Released: 0, Match: 100));

        result.Funded.Select(c => c.CommonsId).ShouldBe([Alpha, Gamma], ignoreOrder: true);
        result.NotFunded.Select(c => c.CommonsId).ShouldBe([Beta]);
        result.Matched.ShouldBe(850);
        result.UnmatchedPool.ShouldBe(150);
        result.Commons.Sum(c => c.Awarded).ShouldBe(400 + 750 + 500 + 100);
    }

    [Fact]
    public void Every_contribution_is_either_awarded_or_released()
    {
        var result = Settlement.Settle(
            [
                ACommons(Alpha, minimumGoal: 1_000, maximumGoal: 5_000, 700, 300, 250),
                ACommons(Beta, minimumGoal: 3_000, maximumGoal: 5_000, 1_000, 1_999),
                ACommons(Gamma, minimumGoal: 10, maximumGoal: 5_000, 10),
            ],
            matchingPool: 0);

        var contributed = 700 + 300 + 250 + 1_000 + 1_999 + 10;
        (result.Funded.Sum(c => c.Total) + result.NotFunded.Sum(c => c.Released)).ShouldBe(contributed);
        result.NotFunded.Select(c => c.CommonsId).ShouldBe([Beta]);
    }

    [Fact]
    public void No_matching_pool_gives_every_funded_commons_a_zero_match()
    {
        var result = Settlement.Settle(
            [ACommons(Alpha, 100, 10_000, 100, 100, 100, 100), ACommons(Beta, 100, 10_000, 400, 100)],
            matchingPool: 0);

        result.Commons.ShouldAllBe(c => c.Funded && c.Match == 0);
        result.Matched.ShouldBe(0);
        result.UnmatchedPool.ShouldBe(0);
    }

    [Fact]
    public void Matching_pool_is_reported_unmatched_when_no_commons_is_funded()
    {
        var result = Settlement.Settle([ACommons(Alpha, 1_000, 2_000, 400, 100)], matchingPool: 3_000);

        result.Funded.ShouldBeEmpty();
        result.Matched.ShouldBe(0);
        result.UnmatchedPool.ShouldBe(3_000);
    }
}
