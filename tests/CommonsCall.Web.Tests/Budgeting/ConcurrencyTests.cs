using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Budgeting;

/// <summary>
/// cobudget, Decidim and Consul all let fast clicks or parallel requests overspend a budget. These tests race
/// hundreds of contribution changes through the real service on PostgreSQL, then check every invariant and
/// that balances and totals equal what the ledger sums to.
/// </summary>
public sealed class ConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
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

    [Fact]
    public async Task Many_members_racing_for_one_commons_never_push_it_above_its_maximum_goal()
    {
        // 40 members with 100.00 each; the commons can take at most 1,000.00: only part of them can get in.
        var s = await BudgetScenario.CreateAsync(app, memberCount: 41, pool: 4_100_000, null, (50_000, 100_000), (10_000, 2_000_000));
        await s.OpenRoundAsync();
        var target = s.Commons[0];
        var racers = s.Members.Skip(1).ToList();

        // 200 changes: every member sets, changes and withdraws its contribution, all at once.
        var amounts = new long[] { 7_000, 2_500, 10_000, 0, 5_000 };
        var results = await RaceAsync(racers.SelectMany(m => amounts.Select(a => (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(m, target, a)))));

        results.Length.ShouldBe(200);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct()
            .ShouldAllBe(code => code == ErrorCodes.ExceedsCommonsMaximum);

        // Then all 40 ask for 100.00 at once: 4,000.00 for a commons capped at 1,000.00, so at least 30 are refused.
        var rush = await RaceAsync(racers.Select(m => (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(m, target, 10_000))));
        rush.Count(r => !r.IsSuccess).ShouldBeGreaterThanOrEqualTo(30);
        rush.Where(r => !r.IsSuccess).ShouldAllBe(r => r.Error!.Code == ErrorCodes.ExceedsCommonsMaximum);
        var commons = await s.ReloadAsync(target);
        commons.Total.ShouldBeLessThanOrEqualTo(commons.MaximumGoal);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task One_member_racing_across_many_commons_never_spends_more_than_its_balance()
    {
        // One member with 1,000.00 fires 200 changes at 20 commons at once, each of 100.00 to 190.00: at most 10 commons
        // can hold a contribution, so every change aimed at the other 10 (100 at least) is refused.
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 200_000, null,
            Enumerable.Range(0, 20).Select(_ => (1_000L, 1_000_000L)).ToArray());
        await s.OpenRoundAsync();
        var member = s.Members[1];
        var requests = Enumerable.Range(0, 200).Select(i =>
            (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(member, s.Commons[i % 20], ((i * 37) % 10 + 10) * 1_000)));

        var results = await RaceAsync(requests);

        results.Count(r => r.IsSuccess).ShouldBeGreaterThan(0);
        results.Count(r => !r.IsSuccess).ShouldBeGreaterThanOrEqualTo(100);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct()
            .ShouldAllBe(code => code == ErrorCodes.InsufficientBalance);
        var budget = await s.BudgetOfAsync(member);
        budget.Contributed.ShouldBeLessThanOrEqualTo(budget.Balance);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Racing_members_and_commons_under_a_share_cap_keep_every_invariant()
    {
        // 10 members x 5 commons, 40% share cap, 250 random changes at once, including withdrawals.
        var s = await BudgetScenario.CreateAsync(app, memberCount: 11, pool: 1_100_000, BudgetRules.Default with { MaxShareOfBalancePerCommons = 40 },
            Enumerable.Range(0, 5).Select(_ => (10_000L, 150_000L)).ToArray());
        await s.OpenRoundAsync();
        var random = new Random(20261122);
        var asked = Enumerable.Range(0, 250).Select(_ => (Member: s.Members[1 + random.Next(10)], Commons: s.Commons[random.Next(5)], Amount: random.Next(0, 60) * 1_000L)).ToList();

        var results = await RaceAsync(asked.Select(a => (Func<Task<Result<ContributionResult>>>)(() => s.ContributeAsync(a.Member, a.Commons, a.Amount))));

        results.Count(r => r.IsSuccess).ShouldBeGreaterThan(0);
        // Whatever the order, an amount over 40 % of a 1,000.00 balance is refused.
        var overTheCap = asked.Select((a, i) => (a.Amount, Result: results[i])).Where(x => x.Amount > 40_000).ToList();
        overTheCap.ShouldNotBeEmpty();
        overTheCap.ShouldAllBe(x => !x.Result.IsSuccess);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct()
            .ShouldAllBe(code => code == ErrorCodes.InsufficientBalance || code == ErrorCodes.ExceedsShareCap || code == ErrorCodes.ExceedsCommonsMaximum);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Closing_while_contributions_race_settles_once_and_loses_or_half_writes_nothing()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 21, pool: 2_100_000, null, (50_000, 300_000), (400_000, 800_000));
        await s.OpenRoundAsync();
        // Each member gives 40.00 to the second commons, then keeps changing its gift to the first until the round
        // is closed under it: every member's last answer is a refusal, whenever the close lands.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var giving = s.Members.Skip(1).Select(m => Task.Run(async () =>
        {
            await start.Task;
            var answers = new List<Result<ContributionResult>> { await s.ContributeAsync(m, s.Commons[1], 4_000) };
            for (var i = 0; i < 10_000 && answers[^1].Error?.Code != ErrorCodes.RoundClosed; i++)
            {
                answers.Add(await s.ContributeAsync(m, s.Commons[0], i % 2 == 0 ? 9_000 : 8_000));
            }

            return answers;
        })).ToList();
        var closing = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            await Task.Delay(20);
            return await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id));
        })).ToList();
        start.SetResult();

        var answered = await Task.WhenAll(giving);
        var closes = await Task.WhenAll(closing);

        closes.Count(c => c.IsSuccess).ShouldBe(1);
        closes.Where(c => !c.IsSuccess).ShouldAllBe(c => c.Error!.Code == ErrorCodes.AlreadySettled);
        answered.Select(a => a.Last().Error?.Code).ShouldAllBe(code => code == ErrorCodes.RoundClosed, "every member was still giving when the round closed");
        var results = answered.SelectMany(a => a).ToList();
        results.Where(r => !r.IsSuccess).ShouldAllBe(r => r.Error!.Code == ErrorCodes.RoundClosed);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        // Accepted after settlement: nothing. Every accepted change happened before it and is in the results.
        var late = await s.ContributeAsync(s.Members[1], s.Commons[0], 1_000);
        late.Error!.Code.ShouldBe(ErrorCodes.RoundClosed);
        var second = await s.ReloadAsync(s.Commons[1]);
        second.Released.ShouldBe(answered.Count(a => a[0].IsSuccess) * 4_000L);
    }

    [Fact]
    public async Task Concurrent_grant_changes_never_exceed_the_pool()
    {
        // The pool (10,000.00) is handed back, then 30 requests race to grant 1,500.00 to 10 members: 6 fit.
        var s = await BudgetScenario.CreateAsync(app, memberCount: 10, pool: 1_000_000, null, (10_000, 100_000));
        (await s.Funds.SetGrantsAsync(s.Facilitator, new SetGrants(s.Call.Id, s.Members.Select(m => new GrantLine(m.Id, 0)).ToList()))).Error.ShouldBeNull();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await s.Funds.SetGrantsAsync(s.Facilitator, new SetGrants(s.Call.Id, [new GrantLine(s.Members[i % 10].Id, 150_000)]));
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(racing);

        // The six members who got in first keep their grant (asking again for it succeeds); the other four's three
        // requests each are refused.
        results.Count(r => r.IsSuccess).ShouldBe(18);
        results.Count(r => !r.IsSuccess).ShouldBe(12);
        results.Where(r => !r.IsSuccess).ShouldAllBe(r => r.Error!.Code == ErrorCodes.ExceedsPool);
        var budgets = await Task.WhenAll(s.Members.Select(s.BudgetOfAsync));
        budgets.Count(b => b.Granted == 150_000).ShouldBe(6);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }
}
