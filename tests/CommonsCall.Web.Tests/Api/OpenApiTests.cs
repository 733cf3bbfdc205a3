using System.Net;

namespace CommonsCall.Web.Tests.Api;

public sealed class OpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly (string Method, string Path)[] BudgetOperations =
    [
        ("get", "/api/v1/calls/{slug}/funding"),
        ("put", "/api/v1/calls/{slug}/contributions/{commonsId}"),
        ("post", "/api/v1/calls/{slug}/pledges"),
        ("put", "/api/v1/calls/{slug}/own-funds/{organisationId}"),
        ("put", "/api/v1/calls/{slug}/budget-rules"),
        ("post", "/api/v1/calls/{slug}/grants/equal-split"),
        ("post", "/api/v1/calls/{slug}/grants/preview"),
        ("put", "/api/v1/calls/{slug}/grants"),
        ("post", "/api/v1/calls/{slug}/phase"),
        ("get", "/api/v1/calls/{slug}/commons/for-review"),
        ("post", "/api/v1/calls/{slug}/commons/{commonsId}/approval"),
        ("post", "/api/v1/calls/{slug}/commons/{commonsId}/send-back"),
        ("post", "/api/v1/calls/{slug}/close"),
        ("get", "/api/v1/calls/{slug}/budgets"),
        ("get", "/api/v1/calls/{slug}/ledger"),
        ("get", "/api/v1/calls/{slug}/commons/{commonsId}/match-preview"),
    ];

    /// <summary>Calendar feeds, co-facilitators and the administrators' user list.</summary>
    private static readonly string[] PeoplePaths =
    [
        "/api/v1/me/calendar-feed", "/api/v1/calls/{slug}/facilitators", "/api/v1/calls/{slug}/facilitators/{userId}", "/api/v1/admin/users",
        "/api/v1/admin/users/{id}/disable", "/api/v1/admin/users/{id}/enable", "/api/v1/admin/users/{id}/roles/{role}",
    ];

    /// <summary>The objection window before approval (issue 16 §4); the badges' documents are Open Badges', outside the API.</summary>
    private static readonly string[] ObjectionPaths =
    [
        "/api/v1/calls/{slug}/commons/{id}/objections", "/api/v1/calls/{slug}/commons/{id}/objection-window", "/api/v1/calls/{slug}/objections/{objectionId}/answer",
    ];

    /// <summary>A call's badges for its facilitators: the list and revoking one.</summary>
    private static readonly string[] BadgePaths = ["/api/v1/calls/{slug}/badges", "/api/v1/calls/{slug}/badges/{badgeId}/revoke"];

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_and_the_bearer_scheme()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.JsonAsync();

        var paths = document.GetProperty("paths");
        paths.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["/api/v1/calls", "/api/v1/calls/{slug}", "/api/v1/me/tokens", "/api/v1/me/tokens/{id}", .. BudgetOperations.Select(o => o.Path).Distinct(),
             .. ChallengeApiTests.Operations.Select(o => o.Path).Distinct(), .. CommonsApiTests.Operations.Select(o => o.Path).Distinct(),
             .. FramingApiTests.Operations.Select(o => o.Path).Distinct().Except(["/api/v1/calls", "/api/v1/calls/{slug}"]),
             .. OrganisationApiTests.Operations.Select(o => o.Path).Distinct(), .. OpenDataApiTests.Operations.Select(o => o.Path),
             .. Dashboard.DashboardApiTests.Operations.Select(o => o.Path), .. FollowUp.FollowUpApiTests.Operations.Select(o => o.Path).Distinct(), .. FollowUp.FollowUpDashboardTests.Operations.Select(o => o.Path), .. FollowUp.ExpenseApiTests.Paths, .. Notifications.NotificationApiTests.Paths, .. PeoplePaths, .. Onboarding.OnboardingApiTests.Operations.Select(o => o.Path).Distinct(),
             .. Conversation.ConversationApiTests.Operations.Select(o => o.Path).Distinct(), .. Accountability.AuditTrailTests.Operations.Select(o => o.Path).Distinct(),
             .. ObjectionPaths, .. Evaluation.EvaluationApiTests.Paths, .. BadgePaths],
            ignoreOrder: true);
        paths.GetProperty("/api/v1/me/tokens").EnumerateObject().Select(o => o.Name).ShouldBe(["post", "get"], ignoreOrder: true);
        paths.GetProperty("/api/v1/me/tokens/{id}").TryGetProperty("delete", out _).ShouldBeTrue();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().ShouldBe("http");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
        document.GetProperty("info").GetProperty("title").GetString().ShouldBe("CommonsCall API");

        // Required where a signed-in caller is needed, optional ({} allowed) on public reads.
        var tokensSecurity = paths.GetProperty("/api/v1/me/tokens").GetProperty("get").GetProperty("security");
        tokensSecurity.EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"]);
        var callsSecurity = paths.GetProperty("/api/v1/calls").GetProperty("get").GetProperty("security");
        callsSecurity.EnumerateArray().ShouldContain(r => !r.EnumerateObject().Any());

        // The caller is bound from the request, not a parameter a client sends.
        var parameters = paths.GetProperty("/api/v1/calls/{slug}").GetProperty("get").GetProperty("parameters");
        parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["slug"]);
    }

    [Fact]
    public async Task Every_budget_endpoint_is_documented_with_its_body_its_answers_and_its_security()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        foreach (var (method, path) in BudgetOperations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Budget round"]);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldContain(r => r.StartsWith('2'), path);
            responses.ShouldContain("404");
            var security = operation.GetProperty("security").EnumerateArray().ToList();
            if (path.EndsWith("/funding", StringComparison.Ordinal))
            {
                security.ShouldContain(r => !r.EnumerateObject().Any());
            }
            else
            {
                security.Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"]);
                responses.ShouldContain("401");
                responses.ShouldContain("403");
            }
        }

        // The request bodies: what is required, and the amounts as integers.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("SetContributionRequest").GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["organisationId", "amount"], ignoreOrder: true);
        schemas.GetProperty("SetContributionRequest").GetProperty("properties").GetProperty("amount").GetProperty("format").GetString().ShouldBe("int64");
        schemas.GetProperty("SetBudgetRulesRequest").GetProperty("required").EnumerateArray().Select(r => r.GetString())
            .ShouldBe(["maxShareOfBalancePerCommons", "coCreatorsMayFundOwnCommons", "contributionsVisibility", "allowWithdrawal"], ignoreOrder: true);
        schemas.GetProperty("ContributionsVisibility").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Live", "TotalsOnly", "Hidden"]);
        var grants = paths.GetProperty("/api/v1/calls/{slug}/grants").GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        grants.GetProperty("type").GetString().ShouldBe("array");
        var contribution = paths.GetProperty("/api/v1/calls/{slug}/contributions/{commonsId}").GetProperty("put");
        contribution.GetProperty("responses").GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        contribution.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["slug", "commonsId"], ignoreOrder: true);
    }
}
