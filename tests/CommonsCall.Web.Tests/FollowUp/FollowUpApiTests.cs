using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>A funded commons' agreement through the HTTP API, as the facilitator, the lead holder and a funder use it.</summary>
public sealed class FollowUpApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Agreement = "/api/v1/calls/{slug}/commons/{commonsId}/agreement";

    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", Agreement),
        ("put", Agreement + "/schedule"),
        ("post", Agreement + "/schedule/acceptance"),
        ("post", Agreement + "/milestones/{milestoneId}/declaration"),
        ("post", Agreement + "/milestones/{milestoneId}/acceptance"),
        ("post", Agreement + "/milestones/{milestoneId}/changes"),
        ("post", Agreement + "/cancellation"),
        ("post", Agreement + "/corrections"),
    ];

    [Fact]
    public async Task Every_follow_up_operation_is_documented_with_its_tag_and_summary()
    {
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("tags")[0].GetString().ShouldBe("Follow-up");
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task The_facilitator_proposes_the_holder_accepts_declares_and_the_funder_reads_what_was_paid()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var url = $"/api/v1/calls/{s.Budget.Call.Slug}/commons/{s.Funded.Id}/agreement";
        using var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        using var lead = await ApiClient.ForAsync(app, s.Lead.User);
        using var funder = await ApiClient.ForAsync(app, s.Funder.User);

        (await facilitator.PutAsJsonAsync(url + "/schedule", new
        {
            leadOrganisationId = s.Lead.Id,
            tranches = new object[] { new { percent = 30 }, new { milestoneId = s.SecondMilestone.Id, percent = 40 }, new { milestoneId = s.Delivery.Id, percent = 30 } },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await lead.PostAsync(url + "/schedule/acceptance", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await lead.PostAsJsonAsync(url + $"/milestones/{s.SecondMilestone.Id}/declaration", new { organisationId = s.Lead.Id, evidence = new[] { "https://git.example/commun/v0.9" } }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await facilitator.PostAsync(url + $"/milestones/{s.SecondMilestone.Id}/acceptance", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var agreement = await (await funder.GetAsync(url)).ShouldBeOkAsync();
        agreement.GetProperty("award").GetInt64().ShouldBe(150_000);
        agreement.GetProperty("paid").GetInt64().ShouldBe(105_000);
        agreement.GetProperty("remaining").GetInt64().ShouldBe(45_000);
        agreement.GetProperty("status").GetString().ShouldBe("InProgress");
        agreement.GetProperty("lead").GetProperty("id").GetGuid().ShouldBe(s.Lead.Id);
        agreement.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("state").GetString()).ShouldBe(["Paid", "Paid", "Due"]);
        var second = agreement.GetProperty("milestones")[0];
        second.GetProperty("state").GetString().ShouldBe("Accepted");
        second.GetProperty("evidence")[0].GetString().ShouldBe("https://git.example/commun/v0.9");
        second.GetProperty("isLate").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Percentages_not_summing_to_100_and_negative_awards_are_refused_with_their_codes()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var url = $"/api/v1/calls/{s.Budget.Call.Slug}/commons/{s.Funded.Id}/agreement";
        using var facilitator = await ApiClient.ForAsync(app, s.Facilitator);

        await (await facilitator.PutAsJsonAsync(url + "/schedule", new { leadOrganisationId = s.Lead.Id, tranches = new object[] { new { percent = 50 }, new { milestoneId = s.Delivery.Id, percent = 49 } } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.TranchesNot100);
        await (await facilitator.PostAsJsonAsync(url + "/corrections", new { award = -1, reason = "Erreur" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await facilitator.PostAsJsonAsync(url + "/cancellation", new { reason = "" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await facilitator.GetAsync($"/api/v1/calls/{s.Budget.Call.Slug}/commons/{s.NotFunded.Id}/agreement"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
        (await s.AgreementAsync()).Tranches.ShouldBeEmpty();
    }
}
