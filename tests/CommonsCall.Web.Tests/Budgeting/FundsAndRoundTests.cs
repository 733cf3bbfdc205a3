using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Budgeting;

public sealed class FundsAndRoundTests(AppFactory app) : IClassFixture<AppFactory>
{
    private BudgetRulesService Rules => app.Services.GetRequiredService<BudgetRulesService>();

    private CallPhaseService Phases => app.Services.GetRequiredService<CallPhaseService>();

    [Fact]
    public async Task A_funder_pledges_and_the_pool_is_split_equally_among_joined_members()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 3, pool: 0, null, (10_000, 50_000));
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 100_000, false))).Value.ShouldBe(100_000);

        var split = await s.Funds.DistributeEquallyAsync(s.Facilitator, new DistributeGrantsEqually(s.Call.Id));

        split.Error.ShouldBeNull();
        foreach (var m in s.Members)
        {
            (await s.BudgetOfAsync(m)).Granted.ShouldBe(33_333);
        }

        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_a_joined_funders_representative_may_pledge_and_only_positive_amounts()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 0, null, (10_000, 50_000));
        (await s.Funds.PledgeAsync(s.Members[0].User, new MakePledge(s.Call.Id, s.Funder.Id, 1_000, false))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Funds.PledgeAsync(s.Members[0].User, new MakePledge(s.Call.Id, s.Members[0].Id, 1_000, false))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 0, false))).Error!.Code.ShouldBe(ErrorCodes.InvalidAmount);
        (await s.LedgerCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Grants_over_the_pool_are_refused_and_previewed_line_by_line()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 100_000, null, (10_000, 50_000));
        var stranger = await new TestData(app).OrganisationAsync();
        var lines = new List<GrantLine> { new(s.Members[0].Id, 80_000), new(s.Members[1].Id, 30_000), new(stranger.Id, 1_000), new(s.Members[1].Id, -5) };

        var preview = await s.Funds.PreviewGrantsAsync(s.Facilitator, new SetGrants(s.Call.Id, lines));

        preview.Value!.CanApply.ShouldBeFalse();
        preview.Value.Lines.Select(l => l.ErrorCode).ShouldBe([null, null, ErrorCodes.UnknownOrganisation, ErrorCodes.InvalidAmount]);
        var before = await s.LedgerCountAsync();
        (await s.Funds.SetGrantsAsync(s.Facilitator, new SetGrants(s.Call.Id, lines.Take(2).ToList()))).Error!.Code.ShouldBe(ErrorCodes.ExceedsPool);
        (await s.LedgerCountAsync()).ShouldBe(before);
        (await s.Funds.SetGrantsAsync(s.Facilitator, new SetGrants(s.Call.Id, [new(s.Members[0].Id, 60_000), new(s.Members[1].Id, 40_000)]))).Error.ShouldBeNull();
        (await s.BudgetOfAsync(s.Members[0])).Granted.ShouldBe(60_000);
    }

    [Fact]
    public async Task A_grant_cannot_be_lowered_below_what_the_member_already_gave()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 30_000)).Error.ShouldBeNull();

        var lowered = await s.Funds.SetGrantsAsync(s.Facilitator, new SetGrants(s.Call.Id, [new(s.Members[1].Id, 29_999)]));

        lowered.Error!.Code.ShouldBe(ErrorCodes.GrantBelowContributed);
        (await s.BudgetOfAsync(s.Members[1])).Granted.ShouldBe(50_000);
    }

    [Fact]
    public async Task Members_may_add_their_own_funds_but_not_take_back_what_they_gave()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 20_000, null, (10_000, 50_000));
        var member = s.Members[1];
        (await s.Funds.SetOwnFundsAsync(member.User, new SetOwnFunds(s.Call.Id, member.Id, 15_000))).Value.ShouldBe(15_000);
        await s.OpenRoundAsync();
        (await s.ContributeAsync(member, s.Commons[0], 25_000)).Error.ShouldBeNull();

        (await s.Funds.SetOwnFundsAsync(member.User, new SetOwnFunds(s.Call.Id, member.Id, 10_000))).Error!.Code.ShouldBe(ErrorCodes.OwnFundsBelowContributed);
        (await s.Funds.SetOwnFundsAsync(s.Members[0].User, new SetOwnFunds(s.Call.Id, member.Id, 99_000))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Budget_rules_lock_when_the_round_opens_except_the_closing_date()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 100_000, null, (10_000, 50_000));
        (await Rules.SetAsync(s.Facilitator, new SetBudgetRules(s.Call.Id, BudgetRules.Default with { MaxShareOfBalancePerCommons = 50 }))).Error.ShouldBeNull();
        (await Rules.SetAsync(s.Members[0].User, new SetBudgetRules(s.Call.Id, BudgetRules.Default))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Rules.SetAsync(s.Facilitator, new SetBudgetRules(s.Call.Id, BudgetRules.Default with { MaxShareOfBalancePerCommons = 0 }))).Error!.Fields!.Keys.ShouldContain("MaxShareOfBalancePerCommons");
        await s.OpenRoundAsync();

        var locked = await Rules.SetAsync(s.Facilitator, new SetBudgetRules(s.Call.Id, BudgetRules.Default with { MaxShareOfBalancePerCommons = 80 }));
        locked.Error!.Code.ShouldBe(ErrorCodes.RulesLocked);
        var later = app.Clock.GetUtcNow().AddDays(30);
        (await Rules.SetAsync(s.Facilitator, new SetBudgetRules(s.Call.Id, BudgetRules.Default with { MaxShareOfBalancePerCommons = 50, FundingClosesAt = later }))).Error.ShouldBeNull();
    }

    [Fact]
    public async Task Budgeting_cannot_open_without_an_approved_commons_or_money()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 0, null, (10_000, 50_000));
        var refused = await Phases.MoveAsync(s.Facilitator, new MovePhase(s.Call.Id, CallPhase.Budgeting));
        refused.Error!.Code.ShouldBe(ErrorCodes.PhaseNeedsMoney);
        (await Phases.MoveAsync(s.Members[0].User, new MovePhase(s.Call.Id, CallPhase.Budgeting))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Closing_funds_commons_at_their_minimum_releases_the_others_and_shares_the_matching_pool()
    {
        // Commons 1 reaches exactly its minimum, commons 2 stays one cent below, commons 3 reaches its maximum.
        var s = await BudgetScenario.CreateAsync(app, memberCount: 5, pool: 500_000, null, (40_000, 60_000), (20_001, 50_000), (10_000, 20_000));
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 1_000_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        var (a, b, c) = (s.Members[1], s.Members[2], s.Members[3]);
        (await s.ContributeAsync(a, s.Commons[0], 20_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(b, s.Commons[0], 20_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(c, s.Commons[1], 20_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(a, s.Commons[2], 10_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(c, s.Commons[2], 10_000)).Error.ShouldBeNull();

        var closed = await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id));

        closed.Error.ShouldBeNull();
        var atMinimum = await s.ReloadAsync(s.Commons[0]);
        atMinimum.Status.ShouldBe(CommonsStatus.Funded);
        atMinimum.Total.ShouldBe(40_000);
        var below = await s.ReloadAsync(s.Commons[1]);
        below.Status.ShouldBe(CommonsStatus.NotFunded);
        below.Released.ShouldBe(20_000);
        (await s.BudgetOfAsync(c)).Contributed.ShouldBe(10_000);
        var atMaximum = await s.ReloadAsync(s.Commons[2]);
        atMaximum.Status.ShouldBe(CommonsStatus.Funded);

        // S1 = (sqrt(20000) + sqrt(20000))^2 - 40000 = 40,000 and S3 = 20,000: the pool covers both (alpha = 1),
        // but commons 1 only has room for 60,000 - 40,000 = 20,000 below its maximum goal.
        atMinimum.Match.ShouldBe(20_000);
        // Commons 3 is at its maximum: no room for a match.
        atMaximum.Match.ShouldBe(0);
        closed.Value!.UnmatchedPool.ShouldBe(1_000_000 - 20_000);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        // The funder gets back what members did not spend (500,000 granted - 60,000 spent) and the unmatched pool.
        var funders = await app.Services.GetRequiredService<BudgetQueries>().FunderUnspentAsync(s.Funder.User, s.Call.Id);
        var (funder, unspent) = funders.ShouldNotBeNull().ShouldHaveSingleItem();
        funder.Id.ShouldBe(s.Funder.Id);
        unspent.UnspentPool.ShouldBe(440_000);
        unspent.UnmatchedPool.ShouldBe(980_000);

        (await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id))).Error!.Code.ShouldBe(ErrorCodes.AlreadySettled);
        await using var db = await new TestData(app).DbAsync();
        db.Calls.Single(x => x.Id == s.Call.Id).Phase.ShouldBe(CallPhase.Results);
    }

    [Fact]
    public async Task Only_a_facilitator_closes_the_round()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        (await s.Round.CloseAsync(s.Members[0].User, new CloseRound(s.Call.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Round.CloseAsync(s.Funder.User, new CloseRound(s.Call.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }
}
