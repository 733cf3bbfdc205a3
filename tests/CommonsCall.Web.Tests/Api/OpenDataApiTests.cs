using System.Net;
using System.Text.Json;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>Open data: public calls' challenges, commons and final results read without a token, through the real HTTP pipeline.</summary>
public sealed class OpenDataApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The operations added for open data and reports (the other public reads belong to their feature's tests).</summary>
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/results"),
        ("get", "/api/v1/challenges/{id}"),
        ("get", "/api/v1/commons/{id}"),
        ("get", "/api/v1/calls/{slug}/reports"),
    ];

    /// <summary>Every read a visitor without a token may make.</summary>
    private static readonly (string Method, string Path)[] PublicReads =
    [
        ("get", "/api/v1/calls"),
        ("get", "/api/v1/calls/{slug}"),
        ("get", "/api/v1/calls/{slug}/challenges"),
        ("get", "/api/v1/calls/{slug}/challenges/{id}"),
        ("get", "/api/v1/calls/{slug}/commons"),
        ("get", "/api/v1/calls/{slug}/commons/{id}"),
        ("get", "/api/v1/calls/{slug}/map"),
        ("get", "/api/v1/calls/{slug}/funding"),
        ("get", "/api/v1/calls/{slug}/results"),
        ("get", "/api/v1/challenges/{id}"),
        ("get", "/api/v1/commons/{id}"),
    ];

    private readonly HttpClient _anonymous = ApiClient.Anonymous(app);

    private async Task<JsonElement> ReadAsync(string path)
    {
        var body = await (await _anonymous.GetAsync(path)).ShouldBeOkAsync();
        body.ToString().ShouldNotContain("@", customMessage: $"{path} shows no e-mail address (no personal data in open data)");
        return body;
    }

    [Fact]
    public async Task A_public_call_its_challenges_commons_and_final_results_are_read_without_a_token()
    {
        var s = await ReportScenario.CreateAsync(app);
        var draft = s.Challenges[3];

        (await ReadAsync("/api/v1/calls")).EnumerateArray().ShouldContain(c => c.GetProperty("slug").GetString() == s.Slug);
        (await ReadAsync($"/api/v1/calls/{s.Slug}")).GetProperty("participants").GetArrayLength().ShouldBe(9);

        var challenges = (await ReadAsync($"/api/v1/calls/{s.Slug}/challenges")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        challenges.Count.ShouldBe(4, "the four published challenges");
        challenges.ShouldNotContain(draft.Id);
        var proof = await ReadAsync($"/api/v1/challenges/{s.Challenges[0].Id}");
        proof.GetProperty("whoPays").GetString().ShouldBe("Les collectivités");
        proof.GetProperty("callSlug").GetString().ShouldBe(s.Slug);
        proof.GetProperty("supporters").GetArrayLength().ShouldBe(2);
        foreach (var hidden in new[] { $"/api/v1/challenges/{draft.Id}", $"/api/v1/calls/{s.Slug}/challenges/{draft.Id}", $"/api/v1/challenges/{Guid.NewGuid()}", $"/api/v1/commons/{Guid.NewGuid()}" })
        {
            await (await _anonymous.GetAsync(hidden)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }

        (await ReadAsync($"/api/v1/calls/{s.Slug}/commons")).GetProperty("commons").GetArrayLength().ShouldBe(5);
        var registre = await ReadAsync($"/api/v1/commons/{s.C[0].Id}");
        registre.GetProperty("title").GetString().ShouldBe(s.C[0].Title);
        registre.GetProperty("funding").GetProperty("total").GetInt64().ShouldBe(105_000);
        registre.GetProperty("workingGroup").GetProperty("members").GetArrayLength().ShouldBe(4);

        // Before settlement there are no results yet, and nothing is changed by asking.
        await (await _anonymous.GetAsync($"/api/v1/calls/{s.Slug}/results")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ResultsNotPublished);

        await s.CloseAsync();
        var results = await ReadAsync($"/api/v1/calls/{s.Slug}/results");
        results.GetProperty("phase").GetString().ShouldBe("Results");
        results.GetProperty("currency").GetString().ShouldBe("EUR");
        results.GetProperty("fundedCount").GetInt32().ShouldBe(3);
        results.GetProperty("fundedTotal").GetInt64().ShouldBe(105_000 + 45_000 + 100_000);
        results.GetProperty("releasedTotal").GetInt64().ShouldBe(6_000 + 15_000);
        results.GetProperty("pool").GetInt64().ShouldBe(800_000);

        var commons = results.GetProperty("commons").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid());
        commons.Count.ShouldBe(5);
        var funded = commons[s.C[0].Id];
        funded.GetProperty("status").GetString().ShouldBe("Funded");
        funded.GetProperty("funded").GetBoolean().ShouldBeTrue();
        funded.GetProperty("total").GetInt64().ShouldBe(105_000);
        funded.GetProperty("awarded").GetInt64().ShouldBe(105_000);
        funded.GetProperty("released").GetInt64().ShouldBe(0);
        funded.GetProperty("contributions").EnumerateArray()
            .Select(c => (c.GetProperty("organisationId").GetGuid(), c.GetProperty("amount").GetInt64()))
            .ShouldBe([(s.M[2].Id, 50_000), (s.M[1].Id, 30_000), (s.M[6].Id, 15_000), (s.M[3].Id, 10_000)], "settled: who gave what is public");
        var notFunded = commons[s.C[3].Id];
        notFunded.GetProperty("status").GetString().ShouldBe("NotFunded");
        notFunded.GetProperty("total").GetInt64().ShouldBe(0);
        notFunded.GetProperty("released").GetInt64().ShouldBe(6_000);
        notFunded.GetProperty("awarded").GetInt64().ShouldBe(0);
        notFunded.GetProperty("contributions").GetArrayLength().ShouldBe(0, "released back to the members");

        // Every euro given is either in a funded commons or released: the results add up to the contributions made.
        results.GetProperty("fundedTotal").GetInt64().ShouldBe(
            ReportScenario.Gifts.Where(g => g.Commons is 0 or 1 or 2).Sum(g => g.Amount));
        var funder = results.GetProperty("funders").EnumerateArray().ShouldHaveSingleItem();
        funder.GetProperty("organisationId").GetGuid().ShouldBe(s.Budget.Funder.Id);
        funder.GetProperty("pledged").GetInt64().ShouldBe(800_000);
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hidden_contributions_stay_hidden_from_readers_without_a_token_until_the_results()
    {
        var s = await ReportScenario.CreateAsync(app, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden });

        var registre = await ReadAsync($"/api/v1/commons/{s.C[0].Id}");
        registre.GetProperty("funding").GetProperty("total").ValueKind.ShouldBe(JsonValueKind.Null);
        var funding = await ReadAsync($"/api/v1/calls/{s.Slug}/funding");
        funding.GetProperty("commons").EnumerateArray().ShouldAllBe(c => c.GetProperty("total").ValueKind == JsonValueKind.Null && c.GetProperty("contributions").GetArrayLength() == 0);
        await (await _anonymous.GetAsync($"/api/v1/calls/{s.Slug}/results")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ResultsNotPublished);

        await s.CloseAsync();
        var results = await ReadAsync($"/api/v1/calls/{s.Slug}/results");
        results.GetProperty("commons").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == s.C[2].Id)
            .GetProperty("contributions").GetArrayLength().ShouldBe(2, "closing lifts the rule (DESIGN.md: hidden until the round closes)");
    }

    [Fact]
    public async Task A_members_only_call_and_everything_in_it_are_not_found_without_a_token()
    {
        var s = await CommonsScenario.CreateAsync(app, visibility: CallVisibility.MembersOnly);
        var commonsId = await s.ProposeAsync(s.Members[0]);

        (await ReadAsync("/api/v1/calls")).EnumerateArray().ShouldNotContain(c => c.GetProperty("slug").GetString() == s.Slug);
        foreach (var path in new[]
        {
            $"/api/v1/calls/{s.Slug}", $"/api/v1/calls/{s.Slug}/challenges", $"/api/v1/calls/{s.Slug}/challenges/{s.PublishedChallenge}",
            $"/api/v1/challenges/{s.PublishedChallenge}", $"/api/v1/calls/{s.Slug}/commons", $"/api/v1/calls/{s.Slug}/commons/{commonsId}",
            $"/api/v1/commons/{commonsId}", $"/api/v1/calls/{s.Slug}/map", $"/api/v1/calls/{s.Slug}/funding", $"/api/v1/calls/{s.Slug}/results",
        })
        {
            var problem = await (await _anonymous.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            problem.ToString().ShouldNotContain(s.Call.Title, customMessage: path);
        }

        // Its members read the same through their token.
        var member = await ApiClient.ForAsync(app, s.Members[1].User);
        (await (await member.GetAsync($"/api/v1/challenges/{s.PublishedChallenge}")).ShouldBeOkAsync()).GetProperty("callSlug").GetString().ShouldBe(s.Slug);
        (await (await member.GetAsync($"/api/v1/commons/{commonsId}")).ShouldBeOkAsync()).GetProperty("id").GetGuid().ShouldBe(commonsId);
    }

    [Fact]
    public async Task The_openapi_document_marks_the_public_reads_as_needing_no_token_and_the_reports_as_needing_one()
    {
        var document = await (await _anonymous.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        foreach (var (method, path) in PublicReads)
        {
            var security = paths.GetProperty(path).GetProperty(method).GetProperty("security").EnumerateArray().ToList();
            security.ShouldContain(r => !r.EnumerateObject().Any(), $"{path}: a token is optional");
        }

        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldContain("404");
        }

        var reports = paths.GetProperty("/api/v1/calls/{slug}/reports").GetProperty("get");
        reports.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"]);
        reports.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Reports"]);
        paths.GetProperty("/api/v1/calls/{slug}/results").GetProperty("get").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Open data"]);
    }
}
