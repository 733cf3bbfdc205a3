using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Budgeting;

/// <summary>
/// Proportional matching through the real contribution service on PostgreSQL: gifts reserve the matching pool first
/// come first served, in the transaction of the gift, so that racing gifts never commit more than the pool holds nor
/// more than the cap of a commons, and the reservations always equal what the ledger sums to (<see cref="LedgerCheck"/>).
/// </summary>
public sealed class ProportionalMatchingRaceTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>k = 1: one euro given, two to the commons.</summary>
    private static BudgetRules OneForOne(long cap) =>
        BudgetRules.Default with { MatchingMode = MatchingMode.Proportional, MatchRatioPerMille = 1_000, MatchCapPerCommons = cap };

    private static async Task<Result<ContributionResult>[]> RaceAsync(IEnumerable<Func<Task<Result<ContributionResult>>>> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await start.Task;
            return await r();
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static async Task<BudgetScenario> ScenarioAsync(AppFactory app, int members, BudgetRules rules, long matchingPool, params (long Min, long Max)[] commons)
    {
        // Every member has 100.00; member 0 proposed the commons and stays out of the race.
        var s = await BudgetScenario.CreateAsync(app, members + 1, pool: (members + 1) * 10_000L, rules, commons);
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, matchingPool, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        return s;
    }

    private static async Task<(long Matched, IReadOnlyList<long> ByCommons)> MatchesAsync(BudgetScenario s)
    {
        await using var db = await new TestData(s.App).DbAsync();
        var byCommons = await db.Commons.Where(c => c.CallId == s.Call.Id).OrderBy(c => c.Title).Select(c => c.Match).ToListAsync();
        return (byCommons.Sum(), byCommons);
    }

    [Fact]
    public async Task Hundred_gifts_at_once_never_commit_more_than_the_matching_pool_and_the_ledger_equals_the_balances()
    {
        // 100 members give 30.00 each at once to three commons: they would earn 3,000.00 of match; the pool holds 1,500.00.
        var s = await ScenarioAsync(app, 100, OneForOne(cap: 100_000), matchingPool: 150_000, (1_000, 5_000_000), (1_000, 5_000_000), (1_000, 5_000_000));
        var racers = s.Members.Skip(1).ToList();

        var gifts = await RaceAsync(racers.Select((m, i) => (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(m, s.Commons[i % 3], 3_000))));

        gifts.ShouldAllBe(r => r.IsSuccess);
        var (matched, byCommons) = await MatchesAsync(s);
        matched.ShouldBe(150_000, "first come first served: the pool is spent to the cent, and not one cent more");
        byCommons.ShouldAllBe(m => m <= 100_000);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        // Then half of them withdraw while the other half raise, all at once: released match is taken again, never twice.
        var changes = await RaceAsync(racers.Select((m, i) => (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(m, s.Commons[i % 3], i % 2 == 0 ? 0 : 6_000))));

        changes.ShouldAllBe(r => r.IsSuccess);
        (await MatchesAsync(s)).Matched.ShouldBeLessThanOrEqualTo(150_000);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hundred_gifts_at_once_to_two_commons_stop_at_the_cap_of_each()
    {
        var s = await ScenarioAsync(app, 100, OneForOne(cap: 20_000), matchingPool: 1_000_000, (1_000, 5_000_000), (1_000, 5_000_000));
        var racers = s.Members.Skip(1).ToList();

        var gifts = await RaceAsync(racers.Select((m, i) => (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(m, s.Commons[i % 2], 1_000))));

        gifts.ShouldAllBe(r => r.IsSuccess);
        (await MatchesAsync(s)).ByCommons.ShouldBe([20_000, 20_000]);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Withdrawal_releases_the_match_to_the_next_gift_and_the_close_keeps_it_for_a_funded_commons_only()
    {
        // Pool 50.00, k = 1. The first gift takes it all; the second gets nothing; the first lowers to 20.00 and frees
        // 30.00, which the third gift takes. The second commons never reaches its minimum: its match goes back at the close.
        var s = await ScenarioAsync(app, 3, OneForOne(cap: 1_000_000), matchingPool: 5_000, (1_000, 1_000_000), (9_000, 1_000_000));
        var (first, second, third) = (s.Members[1], s.Members[2], s.Members[3]);

        (await s.ContributeAsync(first, s.Commons[0], 5_000)).IsSuccess.ShouldBeTrue();
        (await s.ContributeAsync(second, s.Commons[0], 1_000)).IsSuccess.ShouldBeTrue();
        (await MatchesAsync(s)).ByCommons.ShouldBe([5_000, 0]);
        (await s.ContributeAsync(first, s.Commons[0], 2_000)).IsSuccess.ShouldBeTrue();
        (await s.ContributeAsync(third, s.Commons[1], 4_000)).IsSuccess.ShouldBeTrue();
        (await MatchesAsync(s)).ByCommons.ShouldBe([2_000, 3_000]);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        var closed = await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id));

        closed.Value!.Mode.ShouldBe(MatchingMode.Proportional);
        closed.Value.Matched.ShouldBe(2_000);
        (await MatchesAsync(s)).ByCommons.ShouldBe([2_000, 0]);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
        await using var db = await new TestData(s.App).DbAsync();
        var entries = await db.Ledger.Where(e => e.CallId == s.Call.Id && e.Kind == LedgerEntryKind.Match).ToListAsync();
        entries.ShouldAllBe(e => e.MatchingMode == MatchingMode.Proportional);
        entries.Sum(e => e.Amount).ShouldBe(2_000);
    }
}
