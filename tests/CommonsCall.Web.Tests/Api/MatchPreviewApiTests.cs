using System.Net;
using System.Text.Json;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// <c>GET /calls/{slug}/commons/{commonsId}/match-preview</c> with tokens: what the co-funding page shows under the amount
/// being typed, for the organisations the caller represents only, exact under proportional matching, an estimate under
/// quadratic matching, nothing where the visibility rule hides the totals. A preview gives nothing.
/// </summary>
public sealed class MatchPreviewApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Three members with 500 € each, a matching pool of 1 000 €, the round open.</summary>
    private async Task<BudgetApi> RoundAsync(BudgetRules rules)
    {
        var api = await BudgetApi.CreateAsync(app, 3, 150_000, rules, (10_000, 500_000));
        var s = api.Scenario;
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 100_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        return api;
    }

    private static string Preview(BudgetApi api, Guid organisationId, string amount, Guid? commonsId = null) =>
        api.Url($"commons/{commonsId ?? api.Scenario.Commons[0].Id}/match-preview?organisationId={organisationId}&amount={amount}");

    [Fact]
    public async Task A_member_previews_the_exact_proportional_match_of_a_gift_within_the_cap_and_gives_nothing()
    {
        var api = await RoundAsync(BudgetRules.Default with { MatchingMode = MatchingMode.Proportional, MatchRatioPerMille = 1_000, MatchCapPerCommons = 15_000 });
        var member = api.Scenario.Members[2];

        var preview = await (await api.Members[2].GetAsync(Preview(api, member.Id, "10000"))).ShouldBeOkAsync();
        preview.GetProperty("mode").GetString().ShouldBe("Proportional");
        preview.GetProperty("match").GetInt64().ShouldBe(10_000);
        preview.GetProperty("isEstimate").GetBoolean().ShouldBeFalse();
        (await (await api.Members[2].GetAsync(Preview(api, member.Id, "20000"))).ShouldBeOkAsync()).GetProperty("match").GetInt64().ShouldBe(15_000, "the cap per commons");

        (await api.Scenario.BudgetOfAsync(member)).Contributed.ShouldBe(0, "a preview gives nothing");
    }

    [Fact]
    public async Task Only_a_representative_of_the_organisation_previews_and_bad_amounts_or_commons_are_refused()
    {
        var api = await RoundAsync(BudgetRules.Default with { MatchingMode = MatchingMode.Proportional, MatchRatioPerMille = 2_000, MatchCapPerCommons = 50_000 });
        var member = api.Scenario.Members[2];
        var proposed = await api.ProposeCommonsAsync();
        var before = await api.SnapshotAsync();

        // The service's rule is the contribution's rule 1: the caller represents the organisation as a joined member.
        // Facilitators and funders represent none here, so they are refused like another member would be.
        foreach (var client in new[] { api.Members[1], api.Facilitator, api.Funder, api.Outsider })
        {
            await (await client.GetAsync(Preview(api, member.Id, "10000"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        await (await api.Anonymous.GetAsync(Preview(api, member.Id, "10000"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);

        foreach (var amount in new[] { "-1", (Amounts.Maximum + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var problem = await (await api.Members[2].GetAsync(Preview(api, member.Id, amount))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
            problem.GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue(problem.ToString());
        }

        await (await api.Members[2].GetAsync(Preview(api, member.Id, "cent"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await api.Members[2].GetAsync(api.Url($"commons/{api.Scenario.Commons[0].Id}/match-preview?amount=100"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await api.Members[2].GetAsync(Preview(api, member.Id, "10000", Guid.NewGuid()))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await api.Members[2].GetAsync(Preview(api, member.Id, "10000", proposed.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await api.Members[2].GetAsync($"/api/v1/calls/no-such-call/commons/{api.Scenario.Commons[0].Id}/match-preview?organisationId={member.Id}&amount=100"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        (await api.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Under_quadratic_matching_the_preview_is_an_estimate_and_nothing_where_totals_are_hidden()
    {
        // One member gives 100 €: S = 0. A second gift of 100 € makes S = (10 + 10)^2 - 200 = 200 €, well within the pool.
        var live = await RoundAsync(BudgetRules.Default);
        (await live.Scenario.ContributeAsync(live.Scenario.Members[1], live.Scenario.Commons[0], 10_000)).Error.ShouldBeNull();

        var estimate = await (await live.Members[2].GetAsync(Preview(live, live.Scenario.Members[2].Id, "10000"))).ShouldBeOkAsync();
        estimate.GetProperty("mode").GetString().ShouldBe("Quadratic");
        estimate.GetProperty("match").GetInt64().ShouldBe(20_000);
        estimate.GetProperty("isEstimate").GetBoolean().ShouldBeTrue();

        var hidden = await RoundAsync(BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden });
        var nothing = await (await hidden.Members[2].GetAsync(Preview(hidden, hidden.Scenario.Members[2].Id, "10000"))).ShouldBeOkAsync();
        nothing.GetProperty("match").ValueKind.ShouldBe(JsonValueKind.Null);
        nothing.GetProperty("isEstimate").GetBoolean().ShouldBeTrue();
    }
}
