using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>The budget round through the HTTP API, as each role uses it.</summary>
public sealed class BudgetApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static JsonElement CommonsIn(JsonElement funding, Guid id) =>
        funding.GetProperty("commons").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task Funding_shows_a_member_the_pool_the_rules_its_budget_and_the_commons()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 200_000, null, (10_000, 50_000));
        await api.Scenario.OpenRoundAsync();
        var (proposer, giver) = (api.Scenario.Members[0], api.Scenario.Members[1]);
        var commons = api.Scenario.Commons[0];
        (await api.Scenario.ContributeAsync(giver, commons, 12_300)).Error.ShouldBeNull();

        var funding = await (await api.Members[1].GetAsync(api.Url("funding"))).ShouldBeOkAsync();

        funding.GetProperty("slug").GetString().ShouldBe(api.Call.Slug);
        funding.GetProperty("currency").GetString().ShouldBe("EUR");
        funding.GetProperty("phase").GetString().ShouldBe("Budgeting");
        funding.GetProperty("roundOpen").GetBoolean().ShouldBeTrue();
        funding.GetProperty("pool").GetInt64().ShouldBe(200_000);
        funding.GetProperty("matchingPool").GetInt64().ShouldBe(0);
        funding.GetProperty("granted").GetInt64().ShouldBe(200_000);
        var rules = funding.GetProperty("rules");
        rules.GetProperty("maxShareOfBalancePerCommons").GetInt32().ShouldBe(100);
        rules.GetProperty("contributionsVisibility").GetString().ShouldBe("Live");
        rules.GetProperty("allowWithdrawal").GetBoolean().ShouldBeTrue();
        funding.GetProperty("you").GetProperty("isMember").GetBoolean().ShouldBeTrue();
        funding.GetProperty("you").GetProperty("isFacilitator").GetBoolean().ShouldBeFalse();

        var budget = funding.GetProperty("myBudgets").EnumerateArray().ShouldHaveSingleItem();
        budget.GetProperty("organisationId").GetGuid().ShouldBe(giver.Id);
        budget.GetProperty("granted").GetInt64().ShouldBe(100_000);
        budget.GetProperty("contributed").GetInt64().ShouldBe(12_300);
        budget.GetProperty("balance").GetInt64().ShouldBe(100_000);
        budget.GetProperty("unspent").GetInt64().ShouldBe(87_700);
        budget.GetProperty("shareCap").GetInt64().ShouldBe(100_000);

        var seen = CommonsIn(funding, commons.Id);
        seen.GetProperty("status").GetString().ShouldBe("ApprovedForFunding");
        seen.GetProperty("minimumGoal").GetInt64().ShouldBe(10_000);
        seen.GetProperty("maximumGoal").GetInt64().ShouldBe(50_000);
        seen.GetProperty("total").GetInt64().ShouldBe(12_300);
        seen.GetProperty("youAreCoCreator").GetBoolean().ShouldBeFalse();
        var contribution = seen.GetProperty("contributions").EnumerateArray().ShouldHaveSingleItem();
        contribution.GetProperty("organisationId").GetGuid().ShouldBe(giver.Id);
        contribution.GetProperty("amount").GetInt64().ShouldBe(12_300);

        var asProposer = await (await api.Members[0].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        CommonsIn(asProposer, commons.Id).GetProperty("youAreCoCreator").GetBoolean().ShouldBeTrue();
        asProposer.GetProperty("myBudgets")[0].GetProperty("organisationId").GetGuid().ShouldBe(proposer.Id);

        // A public call's round is open data.
        var anonymous = await (await api.Anonymous.GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        anonymous.GetProperty("myBudgets").GetArrayLength().ShouldBe(0);
        CommonsIn(anonymous, commons.Id).GetProperty("total").GetInt64().ShouldBe(12_300);
    }

    [Fact]
    public async Task A_contribution_is_set_to_an_absolute_amount_and_setting_it_again_changes_nothing()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 200_000, null, (10_000, 50_000));
        await api.Scenario.OpenRoundAsync();
        var member = api.Scenario.Members[1];
        var url = api.ContributionUrl(api.Scenario.Commons[0]);

        var first = await (await api.Members[1].PutAsJsonAsync(url, new { organisationId = member.Id, amount = 20_000 })).ShouldBeOkAsync();
        first.GetProperty("before").GetInt64().ShouldBe(0);
        first.GetProperty("after").GetInt64().ShouldBe(20_000);
        first.GetProperty("changed").GetBoolean().ShouldBeTrue();
        first.GetProperty("unspent").GetInt64().ShouldBe(80_000);
        first.GetProperty("commonsTotal").GetInt64().ShouldBe(20_000);
        var ledger = await api.Scenario.LedgerCountAsync();

        var again = await (await api.Members[1].PutAsJsonAsync(url, new { organisationId = member.Id, amount = 20_000 })).ShouldBeOkAsync();
        again.GetProperty("changed").GetBoolean().ShouldBeFalse();
        again.GetProperty("after").GetInt64().ShouldBe(20_000);
        again.GetProperty("unspent").GetInt64().ShouldBe(80_000);
        (await api.Scenario.LedgerCountAsync()).ShouldBe(ledger);

        var lowered = await (await api.Members[1].PutAsJsonAsync(url, new { organisationId = member.Id, amount = 5_000 })).ShouldBeOkAsync();
        lowered.GetProperty("before").GetInt64().ShouldBe(20_000);
        lowered.GetProperty("after").GetInt64().ShouldBe(5_000);
        var withdrawn = await (await api.Members[1].PutAsJsonAsync(url, new { organisationId = member.Id, amount = 0 })).ShouldBeOkAsync();
        withdrawn.GetProperty("unspent").GetInt64().ShouldBe(100_000);
        withdrawn.GetProperty("commonsTotal").GetInt64().ShouldBe(0);
        (await api.Scenario.LedgerCountAsync()).ShouldBe(ledger + 2);
        (await api.Scenario.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Funders_pledge_to_the_pools_and_members_add_their_own_funds()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 0, null, (10_000, 50_000));
        var funder = api.Scenario.Funder;
        var member = api.Scenario.Members[1];

        var pledged = await (await api.Funder.PostAsJsonAsync(api.Url("pledges"), new { funderOrganisationId = funder.Id, amount = 100_000, isMatching = false }))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        pledged.GetProperty("poolTotal").GetInt64().ShouldBe(100_000);
        pledged.GetProperty("isMatching").GetBoolean().ShouldBeFalse();
        var matching = await (await api.Funder.PostAsJsonAsync(api.Url("pledges"), new { funderOrganisationId = funder.Id, amount = 40_000, isMatching = true }))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        matching.GetProperty("poolTotal").GetInt64().ShouldBe(40_000);
        (await (await api.Funder.PostAsJsonAsync(api.Url("pledges"), new { funderOrganisationId = funder.Id, amount = 25_000 }))
            .ShouldBeOkAsync(HttpStatusCode.Created)).GetProperty("poolTotal").GetInt64().ShouldBe(125_000);

        var ownFunds = await (await api.Members[1].PutAsJsonAsync(api.Url($"own-funds/{member.Id}"), new { amount = 15_000 })).ShouldBeOkAsync();
        ownFunds.GetProperty("organisationId").GetGuid().ShouldBe(member.Id);
        ownFunds.GetProperty("ownFunds").GetInt64().ShouldBe(15_000);

        var asFunder = await (await api.Funder.GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        asFunder.GetProperty("pool").GetInt64().ShouldBe(125_000);
        asFunder.GetProperty("matchingPool").GetInt64().ShouldBe(40_000);
        asFunder.GetProperty("you").GetProperty("isFunder").GetBoolean().ShouldBeTrue();
        asFunder.GetProperty("myFunderOrganisations").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(funder.Id);
        var asMember = await (await api.Members[1].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        asMember.GetProperty("myBudgets")[0].GetProperty("ownFunds").GetInt64().ShouldBe(15_000);
        asMember.GetProperty("myBudgets")[0].GetProperty("balance").GetInt64().ShouldBe(15_000);

        var ledger = await (await api.Funder.GetAsync(api.Url("ledger"))).ShouldBeOkAsync();
        ledger.EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ShouldBe(["OwnFunds", "Pledge", "MatchingPledge", "Pledge"]);
        ledger.EnumerateArray().Select(l => l.GetProperty("number").GetInt64()).ShouldBe([4, 3, 2, 1], "numbered within the call, newest first");
        (await api.Scenario.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_facilitator_sets_the_budget_rules_and_once_the_round_is_open_may_still_move_the_closing_date()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        var closes = app.Clock.GetUtcNow().AddDays(30);
        var rules = new
        {
            fundingOpensAt = (DateTimeOffset?)null,
            fundingClosesAt = closes,
            maxShareOfBalancePerCommons = 40,
            coCreatorsMayFundOwnCommons = true,
            contributionsVisibility = "TotalsOnly",
            allowWithdrawal = false,
        };

        await (await api.Facilitator.PutAsJsonAsync(api.Url("budget-rules"), rules)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        await (await api.Facilitator.PostAsJsonAsync(api.Url("phase"), new { phase = "Budgeting" })).ShouldBeOkAsync(HttpStatusCode.NoContent);
        await (await api.Facilitator.PutAsJsonAsync(api.Url("budget-rules"), rules with { fundingClosesAt = closes.AddDays(7) })).ShouldBeOkAsync(HttpStatusCode.NoContent);

        var funding = await (await api.Members[0].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        var set = funding.GetProperty("rules");
        set.GetProperty("fundingOpensAt").ValueKind.ShouldBe(JsonValueKind.Null);
        set.GetProperty("fundingClosesAt").GetDateTimeOffset().ShouldBe(closes.AddDays(7));
        set.GetProperty("maxShareOfBalancePerCommons").GetInt32().ShouldBe(40);
        set.GetProperty("coCreatorsMayFundOwnCommons").GetBoolean().ShouldBeTrue();
        set.GetProperty("contributionsVisibility").GetString().ShouldBe("TotalsOnly");
        set.GetProperty("allowWithdrawal").GetBoolean().ShouldBeFalse();
        funding.GetProperty("myBudgets")[0].GetProperty("shareCap").GetInt64().ShouldBe(20_000);
        funding.GetProperty("roundOpen").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_facilitator_previews_a_distribution_then_applies_it_or_splits_the_pool_equally()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        var (m0, m1) = (api.Scenario.Members[0], api.Scenario.Members[1]);
        var stranger = await new TestData(app).OrganisationAsync();
        var before = await api.SnapshotAsync();

        var preview = await (await api.Facilitator.PostAsJsonAsync(api.Url("grants/preview"), new[]
        {
            new { organisationId = m0.Id, amount = 70_000L },
            new { organisationId = m1.Id, amount = 30_000L },
            new { organisationId = stranger.Id, amount = 1L },
            new { organisationId = m1.Id, amount = -5L },
        })).ShouldBeOkAsync();

        preview.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("errorCode").GetString())
            .ShouldBe([null, null, "unknown_organisation", "invalid_amount"]);
        var first = preview.GetProperty("lines")[0];
        first.GetProperty("line").GetInt32().ShouldBe(1);
        first.GetProperty("organisationId").GetGuid().ShouldBe(m0.Id);
        first.GetProperty("current").GetInt64().ShouldBe(50_000);
        preview.GetProperty("pool").GetInt64().ShouldBe(100_000);
        preview.GetProperty("totalAfter").GetInt64().ShouldBe(100_000);
        preview.GetProperty("canApply").GetBoolean().ShouldBeFalse();
        (await api.SnapshotAsync()).ShouldBe(before);

        var applied = await (await api.Facilitator.PutAsJsonAsync(api.Url("grants"), new[]
        {
            new { organisationId = m0.Id, amount = 70_000L },
            new { organisationId = m1.Id, amount = 30_000L },
        })).ShouldBeOkAsync();
        applied.GetProperty("canApply").GetBoolean().ShouldBeTrue();
        var budgets = await (await api.Facilitator.GetAsync(api.Url("budgets"))).ShouldBeOkAsync();
        budgets.EnumerateArray().ToDictionary(b => b.GetProperty("organisationId").GetGuid(), b => b.GetProperty("granted").GetInt64())
            .ShouldBe(new Dictionary<Guid, long> { [m0.Id] = 70_000, [m1.Id] = 30_000 }, ignoreOrder: true);

        await (await api.Facilitator.PostAsync(api.Url("grants/equal-split"), null)).ShouldBeOkAsync();
        budgets = await (await api.Funder.GetAsync(api.Url("budgets"))).ShouldBeOkAsync();
        budgets.EnumerateArray().Select(b => b.GetProperty("granted").GetInt64()).ShouldBe([50_000L, 50_000L]);
        budgets[0].GetProperty("shareCap").GetInt64().ShouldBe(50_000);
        (await api.Scenario.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_facilitator_reviews_proposed_commons_and_opens_the_round()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        var proposed = await api.ProposeCommonsAsync();
        JsonElement Reviewed(JsonElement list) => list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == proposed.Id);

        var queue = await (await api.Facilitator.GetAsync(api.Url("commons/for-review"))).ShouldBeOkAsync();
        Reviewed(queue).GetProperty("status").GetString().ShouldBe("Proposed");
        Reviewed(queue).GetProperty("proposedBy").GetString().ShouldBe(api.Scenario.Members[0].Organisation.Name);

        await (await api.Facilitator.PostAsJsonAsync(api.Url($"commons/{proposed.Id}/send-back"), new { comment = "Précisez la gouvernance." }))
            .ShouldBeOkAsync(HttpStatusCode.NoContent);
        queue = await (await api.Facilitator.GetAsync(api.Url("commons/for-review"))).ShouldBeOkAsync();
        Reviewed(queue).GetProperty("reviewComment").GetString().ShouldBe("Précisez la gouvernance.");

        await (await api.Facilitator.PostAsync(api.Url($"commons/{proposed.Id}/approval"), null)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        queue = await (await api.Facilitator.GetAsync(api.Url("commons/for-review"))).ShouldBeOkAsync();
        Reviewed(queue).GetProperty("status").GetString().ShouldBe("ApprovedForFunding");
        Reviewed(queue).GetProperty("reviewComment").ValueKind.ShouldBe(JsonValueKind.Null);

        await (await api.Facilitator.PostAsJsonAsync(api.Url("phase"), new { phase = "Budgeting" })).ShouldBeOkAsync(HttpStatusCode.NoContent);
        var funding = await (await api.Members[1].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        funding.GetProperty("phase").GetString().ShouldBe("Budgeting");
        funding.GetProperty("roundOpen").GetBoolean().ShouldBeTrue();
        CommonsIn(funding, proposed.Id).GetProperty("status").GetString().ShouldBe("ApprovedForFunding");
    }

    [Fact]
    public async Task Closing_settles_the_round_and_reports_each_outcome_the_matching_and_the_unspent_balances()
    {
        // Commons 1 is funded (and matched up to its maximum goal); commons 2 stays below its minimum and releases.
        var api = await BudgetApi.CreateAsync(app, 3, 300_000, null, (40_000, 60_000), (20_001, 50_000));
        var s = api.Scenario;
        await (await api.Funder.PostAsJsonAsync(api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = 100_000, isMatching = true }))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        await s.OpenRoundAsync();
        foreach (var (member, commons) in new[] { (1, 0), (2, 0), (2, 1) })
        {
            await (await api.Members[member].PutAsJsonAsync(api.ContributionUrl(s.Commons[commons]), new { organisationId = s.Members[member].Id, amount = 20_000 }))
                .ShouldBeOkAsync();
        }

        var settled = await (await api.Facilitator.PostAsync(api.Url("close"), null)).ShouldBeOkAsync();

        var outcomes = settled.GetProperty("commons").EnumerateArray().ToDictionary(c => c.GetProperty("commonsId").GetGuid());
        var funded = outcomes[s.Commons[0].Id];
        funded.GetProperty("funded").GetBoolean().ShouldBeTrue();
        funded.GetProperty("total").GetInt64().ShouldBe(40_000);
        funded.GetProperty("match").GetInt64().ShouldBe(20_000);
        funded.GetProperty("awarded").GetInt64().ShouldBe(60_000);
        var released = outcomes[s.Commons[1].Id];
        released.GetProperty("funded").GetBoolean().ShouldBeFalse();
        released.GetProperty("released").GetInt64().ShouldBe(20_000);
        released.GetProperty("awarded").GetInt64().ShouldBe(0);
        settled.GetProperty("matchingPool").GetInt64().ShouldBe(100_000);
        settled.GetProperty("matched").GetInt64().ShouldBe(20_000);
        settled.GetProperty("unmatchedPool").GetInt64().ShouldBe(80_000);
        settled.GetProperty("unspent").EnumerateArray().ToDictionary(u => u.GetProperty("organisationId").GetGuid(), u => u.GetProperty("unspent").GetInt64())
            .ShouldBe(new Dictionary<Guid, long> { [s.Members[0].Id] = 100_000, [s.Members[1].Id] = 80_000, [s.Members[2].Id] = 80_000 }, ignoreOrder: true);

        var funding = await (await api.Members[0].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        funding.GetProperty("phase").GetString().ShouldBe("Results");
        funding.GetProperty("roundOpen").GetBoolean().ShouldBeFalse();
        CommonsIn(funding, s.Commons[0].Id).GetProperty("status").GetString().ShouldBe("Funded");
        CommonsIn(funding, s.Commons[0].Id).GetProperty("match").GetInt64().ShouldBe(20_000);
        CommonsIn(funding, s.Commons[1].Id).GetProperty("released").GetInt64().ShouldBe(20_000);

        var ledger = await (await api.Funder.GetAsync(api.Url("ledger"))).ShouldBeOkAsync();
        var kinds = ledger.EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("Award");
        kinds.ShouldContain("Match");
        kinds.ShouldContain("Release");
        var release = ledger.EnumerateArray().First(l => l.GetProperty("kind").GetString() == "Release");
        release.GetProperty("amount").GetInt64().ShouldBe(-20_000);
        release.GetProperty("organisation").GetString().ShouldBe(s.Members[2].Organisation.Name);
        release.GetProperty("commons").GetString().ShouldBe(s.Commons[1].Title);
        release.GetProperty("organisationId").GetGuid().ShouldBe(s.Members[2].Id);
        release.GetProperty("commonsId").GetGuid().ShouldBe(s.Commons[1].Id);
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();

        await (await api.Facilitator.PostAsJsonAsync(api.Url("phase"), new { phase = "FollowUp" })).ShouldBeOkAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Under_hidden_contributions_a_member_sees_no_totals_and_only_its_own_amounts_until_the_round_closes()
    {
        var api = await BudgetApi.CreateAsync(app, 3, 300_000, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden }, (10_000, 100_000));
        var s = api.Scenario;
        var commons = s.Commons[0];
        await s.OpenRoundAsync();
        var given = await (await api.Members[1].PutAsJsonAsync(api.ContributionUrl(commons), new { organisationId = s.Members[1].Id, amount = 12_300 })).ShouldBeOkAsync();
        given.GetProperty("commonsTotal").ValueKind.ShouldBe(JsonValueKind.Null);
        given.GetProperty("after").GetInt64().ShouldBe(12_300);

        async Task<JsonElement> SeenByAsync(HttpClient client) => CommonsIn(await (await client.GetAsync(api.Url("funding"))).ShouldBeOkAsync(), commons.Id);

        foreach (var other in new[] { api.Members[2], api.Funder, api.Outsider, api.Anonymous })
        {
            var seen = await SeenByAsync(other);
            seen.GetProperty("total").ValueKind.ShouldBe(JsonValueKind.Null);
            seen.GetProperty("contributions").GetArrayLength().ShouldBe(0);
        }

        var giver = await SeenByAsync(api.Members[1]);
        giver.GetProperty("total").ValueKind.ShouldBe(JsonValueKind.Null);
        giver.GetProperty("contributions").EnumerateArray().ShouldHaveSingleItem().GetProperty("amount").GetInt64().ShouldBe(12_300);
        var facilitator = await SeenByAsync(api.Facilitator);
        facilitator.GetProperty("total").GetInt64().ShouldBe(12_300);
        facilitator.GetProperty("contributions").EnumerateArray().ShouldHaveSingleItem().GetProperty("organisationId").GetGuid().ShouldBe(s.Members[1].Id);

        await (await api.Facilitator.PostAsync(api.Url("close"), null)).ShouldBeOkAsync();
        var after = await SeenByAsync(api.Members[2]);
        after.GetProperty("total").GetInt64().ShouldBe(12_300);
        after.GetProperty("contributions").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Under_totals_only_members_see_each_commons_total_but_not_who_gave_it()
    {
        var api = await BudgetApi.CreateAsync(app, 3, 300_000, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.TotalsOnly }, (10_000, 100_000));
        var s = api.Scenario;
        await s.OpenRoundAsync();
        var given = await (await api.Members[1].PutAsJsonAsync(api.ContributionUrl(s.Commons[0]), new { organisationId = s.Members[1].Id, amount = 7_000 })).ShouldBeOkAsync();
        given.GetProperty("commonsTotal").GetInt64().ShouldBe(7_000);

        var other = CommonsIn(await (await api.Members[2].GetAsync(api.Url("funding"))).ShouldBeOkAsync(), s.Commons[0].Id);
        other.GetProperty("total").GetInt64().ShouldBe(7_000);
        other.GetProperty("contributions").GetArrayLength().ShouldBe(0);
        var giver = CommonsIn(await (await api.Members[1].GetAsync(api.Url("funding"))).ShouldBeOkAsync(), s.Commons[0].Id);
        giver.GetProperty("contributions").GetArrayLength().ShouldBe(1);
    }
}
