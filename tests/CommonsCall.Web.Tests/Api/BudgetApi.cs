using System.Net;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Tests.Support;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// A <see cref="BudgetScenario"/> seen through the API: a token-authenticated client per role, the call's
/// budget URLs, and a snapshot of every money figure to prove that a refusal changed nothing.
/// </summary>
public sealed class BudgetApi
{
    private BudgetApi(BudgetScenario scenario, HttpClient facilitator, HttpClient funder, IReadOnlyList<HttpClient> members, HttpClient outsider)
    {
        Scenario = scenario;
        Facilitator = facilitator;
        Funder = funder;
        Members = members;
        Outsider = outsider;
        Anonymous = ApiClient.Anonymous(scenario.App);
    }

    public BudgetScenario Scenario { get; }

    public Call Call => Scenario.Call;

    public HttpClient Facilitator { get; }

    public HttpClient Funder { get; }

    /// <summary>One client per member of the scenario, in the same order.</summary>
    public IReadOnlyList<HttpClient> Members { get; }

    /// <summary>A signed-in user who takes no part in the call.</summary>
    public HttpClient Outsider { get; }

    public HttpClient Anonymous { get; }

    public static async Task<BudgetApi> CreateAsync(AppFactory app, int memberCount, long pool, BudgetRules? rules, params (long Min, long Max)[] commons)
    {
        var scenario = await BudgetScenario.CreateAsync(app, memberCount, pool, rules, commons);
        var members = new List<HttpClient>();
        foreach (var member in scenario.Members)
        {
            members.Add(await ApiClient.ForAsync(app, member.User));
        }

        return new BudgetApi(
            scenario,
            await ApiClient.ForAsync(app, scenario.Facilitator),
            await ApiClient.ForAsync(app, scenario.Funder.User),
            members,
            await ApiClient.ForAsync(app, await new TestData(app).UserAsync()));
    }

    public string Url(string path) => $"/api/v1/calls/{Call.Slug}/{path}";

    public string ContributionUrl(CommonsEntity commons) => Url($"contributions/{commons.Id}");

    /// <summary>
    /// Everything a refusal must leave as it was, as the facilitator reads it through the API (funding, budgets,
    /// ledger, commons under review), plus the audit trail.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "funding", "budgets", "ledger", "commons/for-review" })
        {
            var response = await Facilitator.GetAsync(Url(path));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            parts.Add(await response.Content.ReadAsStringAsync());
        }

        await using var db = await new TestData(Scenario.App).DbAsync();
        parts.Add("audit:" + db.Audit.Count(a => a.CallId == Call.Id));
        return string.Join('\n', parts);
    }

    /// <summary>A commons proposed in <paramref name="callId"/> (this call by default) and not reviewed yet.</summary>
    public async Task<CommonsEntity> ProposeCommonsAsync(Guid? callId = null, bool withBudget = true)
    {
        await using var db = await new TestData(Scenario.App).DbAsync();
        var commons = new CommonsEntity(callId ?? Call.Id, Scenario.Members[0].Id, "Commun proposé " + Guid.NewGuid().ToString("N")[..6], "Résumé", CommonsKind.Data, "ODbL-1.0", Scenario.App.Clock.GetUtcNow());
        if (withBudget)
        {
            commons.SetBudgetLines([new BudgetLine("Collecte", 5_000, 20_000)]);
        }

        db.Commons.Add(commons);
        await db.SaveChangesAsync();
        return commons;
    }
}
