using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// Issue 14, item 8: one vocabulary for the same figure in every answer. A member's money it has not given is
/// <c>unspent</c> (during the round and after it, every member listed, zero included); a commons' <c>total</c> is what
/// it keeps, <c>released</c> what it gave back (a commons not funded keeps 0 and released the rest), in the close answer,
/// <c>/results</c> and <c>/funding</c> alike; every amount is an integer in minor units in the OpenAPI document.
/// </summary>
public sealed class SettlementVocabularyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_close_answer_budgets_and_results_use_the_same_words_and_figures_and_list_every_member()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 200_000, null, (10_000, 100_000), (50_000, 100_000));
        var s = api.Scenario;
        var data = new TestData(app);
        var latecomer = await data.OrganisationAsync($"Arrivée tard {Guid.NewGuid():N}"[..20]);
        await data.JoinAsync(s.Call, latecomer, ParticipantRole.Member);
        await s.OpenRoundAsync();
        await (await api.Members[0].PutAsJsonAsync(api.ContributionUrl(s.Commons[1]), new { organisationId = s.Members[0].Id, amount = 0 })).ShouldBeOkAsync();
        var gift = await (await api.Members[1].PutAsJsonAsync(api.ContributionUrl(s.Commons[0]), new { organisationId = s.Members[1].Id, amount = 30_000 })).ShouldBeOkAsync();
        gift.GetProperty("unspent").GetInt64().ShouldBe(70_000);
        await (await api.Members[1].PutAsJsonAsync(api.ContributionUrl(s.Commons[1]), new { organisationId = s.Members[1].Id, amount = 45_01 })).ShouldBeOkAsync();

        var during = Unspent(await (await api.Facilitator.GetAsync(api.Url("budgets"))).ShouldBeOkAsync());
        during.ShouldBe(new Dictionary<Guid, long> { [s.Members[0].Id] = 100_000, [s.Members[1].Id] = 65_499, [latecomer.Id] = 0 }, ignoreOrder: true);

        var closed = await (await api.Facilitator.PostAsync(api.Url("close"), null)).ShouldBeOkAsync();
        Unspent(closed.GetProperty("unspent")).ShouldBe(new Dictionary<Guid, long> { [s.Members[0].Id] = 100_000, [s.Members[1].Id] = 70_000, [latecomer.Id] = 0 }, ignoreOrder: true);
        Unspent(await (await api.Facilitator.GetAsync(api.Url("budgets"))).ShouldBeOkAsync()).ShouldBe(Unspent(closed.GetProperty("unspent")));

        var results = await (await api.Anonymous.GetAsync(api.Url("results"))).ShouldBeOkAsync();
        var funding = await (await api.Members[0].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
        foreach (var commons in s.Commons)
        {
            var outcome = closed.GetProperty("commons").EnumerateArray().Single(c => c.GetProperty("commonsId").GetGuid() == commons.Id);
            var result = results.GetProperty("commons").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == commons.Id);
            var funded = funding.GetProperty("commons").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == commons.Id);
            foreach (var word in new[] { "total", "released", "match" })
            {
                result.GetProperty(word).GetInt64().ShouldBe(outcome.GetProperty(word).GetInt64(), $"{word} of {commons.Title} in /results");
                funded.GetProperty(word).GetInt64().ShouldBe(outcome.GetProperty(word).GetInt64(), $"{word} of {commons.Title} in /funding");
            }

            result.GetProperty("awarded").GetInt64().ShouldBe(outcome.GetProperty("awarded").GetInt64());
        }

        var notFunded = closed.GetProperty("commons").EnumerateArray().Single(c => c.GetProperty("commonsId").GetGuid() == s.Commons[1].Id);
        notFunded.GetProperty("total").GetInt64().ShouldBe(0);
        notFunded.GetProperty("released").GetInt64().ShouldBe(45_01);
    }

    [Fact]
    public async Task Every_amount_of_the_openapi_document_is_an_integer_in_minor_units_with_an_example()
    {
        var document = await (await ApiClient.Anonymous(app).GetAsync("/openapi/v1.json")).ShouldBeOkAsync();
        var amounts = new List<string>();
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject().Where(p => p.Value.TryGetProperty("format", out var f) && f.GetString() == "int64" && p.Name != "id"))
            {
                amounts.Add($"{schema.Name}.{property.Name}");
                property.Value.GetProperty("description").GetString()!.ShouldContain("minor units", customMessage: $"{schema.Name}.{property.Name}");
                property.Value.GetProperty("examples")[0].GetInt64().ShouldBe(150_000, $"{schema.Name}.{property.Name}");
            }
        }

        amounts.ShouldContain("SetContributionRequest.amount");
        amounts.ShouldContain("MemberBudgetResponse.unspent");
        amounts.ShouldContain("CommonsOutcomeResponse.released");
        amounts.ShouldContain("FundingResponse.pool");
    }

    private static Dictionary<Guid, long> Unspent(JsonElement list) =>
        list.EnumerateArray().ToDictionary(u => u.GetProperty("organisationId").GetGuid(), u => u.GetProperty("unspent").GetInt64());
}
