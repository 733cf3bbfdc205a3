using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// The budget rules endpoint takes the matching mode: proportional with k in thousandths and a cap per commons, or
/// quadratic with or without redistribution. Bad values name their field and change nothing; a body without the
/// matching fields (every client written before them) keeps quadratic matching.
/// </summary>
public sealed class MatchingApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Proportional_rules_are_saved_and_read_back_and_bad_values_are_refused_by_field()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 100_000));
        var proportional = new
        {
            maxShareOfBalancePerCommons = 100, coCreatorsMayFundOwnCommons = false, contributionsVisibility = "Live", allowWithdrawal = true,
            matchingMode = "Proportional", matchRatioPerMille = 1_000, matchCapPerCommons = 50_000L, redistributeQuadraticSurplus = false,
        };

        await (await api.Facilitator.PutAsJsonAsync(api.Url("budget-rules"), proportional)).ShouldBeOkAsync(HttpStatusCode.NoContent);

        var rules = (await (await api.Facilitator.GetAsync(api.Url("funding"))).ShouldBeOkAsync()).GetProperty("rules");
        rules.GetProperty("matchingMode").GetString().ShouldBe("Proportional");
        rules.GetProperty("matchRatioPerMille").GetInt32().ShouldBe(1_000);
        rules.GetProperty("matchCapPerCommons").GetInt64().ShouldBe(50_000);
        var before = await api.SnapshotAsync();

        var refused = new (object Body, string Field)[]
        {
            (proportional with { matchRatioPerMille = -1 }, "matchRatioPerMille"),
            (proportional with { matchRatioPerMille = 100_001 }, "matchRatioPerMille"),
            (proportional with { matchCapPerCommons = -1L }, "matchCapPerCommons"),
            (proportional with { matchCapPerCommons = 100_000_000_000_001L }, "matchCapPerCommons"),
            (new { proportional.maxShareOfBalancePerCommons, proportional.coCreatorsMayFundOwnCommons, proportional.contributionsVisibility, proportional.allowWithdrawal, matchingMode = 7 }, "matchingMode"),
        };
        foreach (var (body, field) in refused)
        {
            var problem = await (await api.Facilitator.PutAsJsonAsync(api.Url("budget-rules"), body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        (await api.SnapshotAsync()).ShouldBe(before);

        // A body written before matching modes existed: quadratic, surplus left in the pool.
        await (await api.Facilitator.PutAsJsonAsync(api.Url("budget-rules"), new { maxShareOfBalancePerCommons = 100, coCreatorsMayFundOwnCommons = false, contributionsVisibility = "Live", allowWithdrawal = true }))
            .ShouldBeOkAsync(HttpStatusCode.NoContent);
        rules = (await (await api.Facilitator.GetAsync(api.Url("funding"))).ShouldBeOkAsync()).GetProperty("rules");
        rules.GetProperty("matchingMode").GetString().ShouldBe("Quadratic");
        rules.GetProperty("redistributeQuadraticSurplus").GetBoolean().ShouldBeFalse();
    }
}
