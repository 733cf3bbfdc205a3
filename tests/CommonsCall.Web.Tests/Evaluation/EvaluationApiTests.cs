using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Tests.Api;

namespace CommonsCall.Web.Tests.Evaluation;

/// <summary>The evaluation through the API: the same services, with integers for every score.</summary>
public sealed class EvaluationApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly string[] Paths =
    [
        "/api/v1/evaluation-templates", "/api/v1/calls/{slug}/evaluation/grid", "/api/v1/calls/{slug}/evaluation/evaluators",
        "/api/v1/calls/{slug}/evaluation/evaluators/{userId}", "/api/v1/calls/{slug}/evaluation/assignments",
        "/api/v1/calls/{slug}/evaluation/assignments/{commonsId}/{evaluatorId}", "/api/v1/calls/{slug}/evaluation/mine",
        "/api/v1/calls/{slug}/evaluation/commons/{commonsId}/score", "/api/v1/calls/{slug}/evaluation/progress", "/api/v1/calls/{slug}/evaluation/ranking",
        "/api/v1/calls/{slug}/evaluation/sessions", "/api/v1/calls/{slug}/evaluation/sessions/{sessionId}/publication",
        "/api/v1/calls/{slug}/commons/{commonsId}/evaluation-feedback",
    ];

    [Fact]
    public async Task The_templates_speak_the_callers_language()
    {
        var client = ApiClient.Anonymous(app);
        client.DefaultRequestHeaders.Add("Accept-Language", "en");

        var templates = await (await client.GetAsync("/api/v1/evaluation-templates")).ShouldBeOkAsync();

        templates.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(GridTemplates.Names);
        templates[2].GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ShouldBe(["Technical quality", "Relevance and impact", "Value for money"]);
    }

    [Fact]
    public async Task An_evaluator_scores_over_the_api_and_the_ranking_stays_with_the_facilitators()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        await s.StaffAsync();
        var expert = await ApiClient.ForAsync(app, s.Expert);
        var holder = await ApiClient.ForAsync(app, s.RegisterHolder);
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        var marks = (await s.MarksAsync(7, 8, 5)).Select(m => new { criterionId = m.CriterionId, value = m.Value });

        (await expert.PutAsJsonAsync($"/api/v1/calls/{s.Slug}/evaluation/commons/{s.Register}/score", new { marks, note = "Solide" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await holder.GetAsync($"/api/v1/calls/{s.Slug}/evaluation/ranking")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var ranking = await (await facilitator.GetAsync($"/api/v1/calls/{s.Slug}/evaluation/ranking")).ShouldBeOkAsync();
        var first = ranking.GetProperty("rows")[0];
        first.GetProperty("commons").GetProperty("mean").GetInt32().ShouldBe(6_800);
        first.GetProperty("scores")[0].GetProperty("note").GetString().ShouldBe("Solide");
        ranking.GetProperty("disagreementThreshold").GetInt32().ShouldBe(2_500);
        var conflicted = await ApiClient.ForAsync(app, s.DatasetPerson);
        await (await conflicted.PutAsJsonAsync($"/api/v1/calls/{s.Slug}/evaluation/commons/{s.Dataset}/score", new { marks, note = (string?)null }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, EvaluationCodes.ConflictOfInterest);
    }

    [Fact]
    public async Task Naming_an_email_without_an_account_answers_that_it_was_invited_and_a_second_time_is_refused()
    {
        var s = await EvaluationScenario.CreateAsync(app);
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        var email = $"expert-{Guid.NewGuid():N}@expertise.example";

        var invited = await (await facilitator.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/evaluation/evaluators", new { email })).ShouldBeOkAsync();

        invited.GetProperty("invited").GetBoolean().ShouldBeTrue();
        invited.GetProperty("userId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        invited.GetProperty("invitationId").GetGuid().ShouldNotBe(Guid.Empty);
        await (await facilitator.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/evaluation/evaluators", new { email }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, EvaluationCodes.EvaluatorAlreadyInvited);
        var named = await (await facilitator.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/evaluation/evaluators", new { email = s.ExpertEmail })).ShouldBeOkAsync();
        named.GetProperty("invited").GetBoolean().ShouldBeFalse();
        named.GetProperty("userId").GetString().ShouldBe(s.Expert.UserId);
    }
}
