using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Budgeting;

public sealed class ContributionServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Two members, 1,000.00 each; commons 1: min 500.00 max 1,500.00; commons 2: min 100.00 max 300.00.
    private Task<BudgetScenario> OpenRoundAsync(BudgetRules? rules = null) => OpenAsync(rules);

    private async Task<BudgetScenario> OpenAsync(BudgetRules? rules)
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 3, pool: 300_000, rules, (50_000, 150_000), (10_000, 30_000));
        await s.OpenRoundAsync();
        return s;
    }

    /// <summary>A refused change leaves everything as it was and names the rule.</summary>
    private static async Task ShouldBeRefusedAsync(BudgetScenario s, Func<Task<Result<ContributionResult>>> act, string code)
    {
        var ledgerBefore = await s.LedgerCountAsync();
        var result = await act();
        result.Error.ShouldNotBeNull();
        result.Error.Code.ShouldBe(code);
        (await s.LedgerCountAsync()).ShouldBe(ledgerBefore);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_contributes_and_sees_its_balance_and_the_commons_total()
    {
        var s = await OpenRoundAsync();
        var lea = s.Members[1];

        var result = await s.ContributeAsync(lea, s.Commons[0], 40_000);

        result.Error.ShouldBeNull();
        result.Value!.MemberAvailable.ShouldBe(60_000);
        result.Value.CommonsTotal.ShouldBe(40_000);
        (await s.BudgetOfAsync(lea)).Contributed.ShouldBe(40_000);
        (await s.ReloadAsync(s.Commons[0])).Total.ShouldBe(40_000);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Changing_ones_mind_moves_the_money_and_every_change_is_in_the_ledger()
    {
        var s = await OpenRoundAsync();
        var lea = s.Members[1];
        await s.ContributeAsync(lea, s.Commons[0], 40_000);
        await s.ContributeAsync(lea, s.Commons[0], 25_000);
        var withdrawn = await s.ContributeAsync(lea, s.Commons[0], 0);

        withdrawn.Value!.MemberAvailable.ShouldBe(100_000);
        (await s.ReloadAsync(s.Commons[0])).Total.ShouldBe(0);
        await using var db = await new TestData(app).DbAsync();
        db.Ledger.Where(e => e.CallId == s.Call.Id && e.Kind == LedgerEntryKind.Contribution).OrderBy(e => e.Id)
            .Select(e => new { e.Before, e.After }).ToList()
            .ShouldBe([new { Before = 0L, After = 40_000L }, new { Before = 40_000L, After = 25_000L }, new { Before = 25_000L, After = 0L }]);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Setting_the_same_amount_twice_is_a_no_op()
    {
        var s = await OpenRoundAsync();
        await s.ContributeAsync(s.Members[1], s.Commons[0], 30_000);
        var count = await s.LedgerCountAsync();

        var again = await s.ContributeAsync(s.Members[1], s.Commons[0], 30_000);

        again.Value!.Changed.ShouldBeFalse();
        (await s.LedgerCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task Someone_who_does_not_represent_the_member_is_refused()
    {
        var s = await OpenRoundAsync();
        var other = s.Members[2];
        await ShouldBeRefusedAsync(s, () => s.Contributions.SetAsync(other.User, new SetContribution(s.Call.Id, s.Commons[0].Id, s.Members[1].Id, 1_000)), ErrorCodes.Forbidden);
        await ShouldBeRefusedAsync(s, () => s.Contributions.SetAsync(s.Funder.User, new SetContribution(s.Call.Id, s.Commons[0].Id, s.Funder.Id, 1_000)), ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Before_the_round_opens_contributions_are_refused()
    {
        var s = await BudgetScenario.CreateAsync(app, 2, 200_000, null, (50_000, 150_000));
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[0], 1_000), ErrorCodes.RoundClosed);
    }

    [Fact]
    public async Task Outside_the_funding_window_contributions_are_refused()
    {
        var closesAt = app.Clock.GetUtcNow().AddDays(1);
        var s = await OpenRoundAsync(BudgetRules.Default with { FundingClosesAt = closesAt });
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 1_000)).Error.ShouldBeNull();

        app.Clock.Set(closesAt);
        try
        {
            await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[0], 2_000), ErrorCodes.RoundClosed);
        }
        finally
        {
            app.Clock.Set(TestClock.Start);
        }
    }

    [Fact]
    public async Task A_commons_not_approved_for_funding_is_refused()
    {
        var s = await OpenRoundAsync();
        await using (var db = await new TestData(app).DbAsync())
        {
            db.Commons.Single(c => c.Id == s.Commons[1].Id).SendBack("À retravailler");
            await db.SaveChangesAsync();
        }

        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[1], 1_000), ErrorCodes.NotApproved);
    }

    [Fact]
    public async Task A_negative_amount_is_refused()
    {
        var s = await OpenRoundAsync();
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[0], -1), ErrorCodes.InvalidAmount);
    }

    [Fact]
    public async Task Lowering_is_refused_when_withdrawal_is_not_allowed()
    {
        var s = await OpenRoundAsync(BudgetRules.Default with { AllowWithdrawal = false });
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 20_000)).Error.ShouldBeNull();
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[0], 10_000), ErrorCodes.WithdrawalNotAllowed);
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 30_000)).Error.ShouldBeNull();
    }

    [Fact]
    public async Task Giving_more_than_the_balance_is_refused()
    {
        var s = await OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 80_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[1], s.Commons[1], 20_000)).Error.ShouldBeNull();
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[1], 20_001), ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public async Task Giving_above_the_share_cap_is_refused()
    {
        var s = await OpenRoundAsync(BudgetRules.Default with { MaxShareOfBalancePerCommons = 40 });
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 40_000)).Error.ShouldBeNull();
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[1], s.Commons[0], 40_001), ErrorCodes.ExceedsShareCap);
    }

    [Fact]
    public async Task Going_above_the_commons_maximum_goal_is_refused()
    {
        var s = await OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[1], 20_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(s.Members[2], s.Commons[1], 10_000)).Error.ShouldBeNull();
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[2], s.Commons[1], 10_001), ErrorCodes.ExceedsCommonsMaximum);
    }

    [Fact]
    public async Task A_co_creator_may_not_fund_its_own_commons_unless_the_call_allows_it()
    {
        var s = await OpenRoundAsync();
        await ShouldBeRefusedAsync(s, () => s.ContributeAsync(s.Members[0], s.Commons[0], 1_000), ErrorCodes.OwnCommons);

        var allowed = await OpenRoundAsync(BudgetRules.Default with { CoCreatorsMayFundOwnCommons = true });
        (await allowed.ContributeAsync(allowed.Members[0], allowed.Commons[0], 1_000)).Error.ShouldBeNull();
    }

    [Fact]
    public async Task A_commons_of_another_call_is_not_found()
    {
        var s = await OpenRoundAsync();
        var other = await OpenRoundAsync();
        await ShouldBeRefusedAsync(s, () => s.Contributions.SetAsync(s.Members[1].User, new SetContribution(s.Call.Id, other.Commons[0].Id, s.Members[1].Id, 1_000)), ErrorCodes.NotFound);
    }
}
