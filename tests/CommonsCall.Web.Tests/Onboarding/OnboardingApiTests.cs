using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Onboarding;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Onboarding;

/// <summary>An integrator onboards an ecosystem through the API: preview, apply, status, resend; and how it is documented.</summary>
public sealed class OnboardingApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("post", "/api/v1/calls/{slug}/onboarding/import/preview"),
        ("post", "/api/v1/calls/{slug}/onboarding/import"),
        ("get", "/api/v1/calls/{slug}/onboarding/invitations"),
        ("post", "/api/v1/calls/{slug}/onboarding/invitations/{id}/resend"),
        ("post", "/api/v1/device/code"),
        ("post", "/api/v1/device/token"),
    ];

    [Fact]
    public async Task An_administrator_previews_applies_follows_and_resends_through_the_api()
    {
        var data = new TestData(app);
        var call = await data.CallAsync(CallVisibility.MembersOnly, await data.UserAsync(Roles.Facilitator));
        var api = await ApiClient.ForAsync(app, await data.UserAsync(Roles.Administrator));
        var id = Guid.NewGuid().ToString("N")[..8];
        var body = new { csv = $"\uFEFFname,role,territory,emails\r\nLab {id},funder,Lyon,\"a-{id}@lab.example, b-{id}@lab.example\"\r\nLab {id},pirate,,c-{id}@lab.example\r\n" };

        var preview = await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/onboarding/import/preview", body)).ShouldBeOkAsync();
        preview.GetProperty("canApply").GetBoolean().ShouldBeTrue();
        preview.GetProperty("lines")[0].GetProperty("organisation").GetString().ShouldBe("Create");
        preview.GetProperty("lines")[1].GetProperty("errors")[0].GetString().ShouldBe(OnboardingCodes.UnknownRole);

        var applied = await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/onboarding/import", body)).ShouldBeOkAsync();
        (applied.GetProperty("invitationsSent").GetInt32(), applied.GetProperty("linesInError").GetInt32()).ShouldBe((2, 1));
        var again = await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/onboarding/import", body)).ShouldBeOkAsync();
        again.GetProperty("linesApplied").GetInt32().ShouldBe(0);

        var statuses = await (await api.GetAsync($"/api/v1/calls/{call.Slug}/onboarding/invitations")).ShouldBeOkAsync();
        statuses.EnumerateArray().Select(s => s.GetProperty("status").GetString()).ShouldBe(["Invited", "Invited"]);
        var first = statuses[0].GetProperty("id").GetGuid();
        await (await api.PostAsync($"/api/v1/calls/{call.Slug}/onboarding/invitations/{first}/resend", null)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        await (await api.PostAsync($"/api/v1/calls/{call.Slug}/onboarding/invitations/{Guid.NewGuid()}/resend", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_a_problem_with_its_code()
    {
        var data = new TestData(app);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(CallVisibility.MembersOnly, facilitator);
        var api = await ApiClient.ForAsync(app, facilitator);

        await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/onboarding/import", new { csv = "nom;siret\nA;1" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, OnboardingCodes.HeaderUnknownColumn);
        await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/onboarding/import/preview", new { csv = "" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, OnboardingCodes.FileEmpty);
    }

    [Fact]
    public async Task The_device_endpoints_are_documented_as_open_forms()
    {
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/device/code", "/api/v1/device/token" })
        {
            var operation = paths.GetProperty(path).GetProperty("post");
            operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-www-form-urlencoded", out _).ShouldBeTrue(path);
            operation.GetProperty("summary").GetString()!.ShouldContain("RFC 8628");
        }
    }
}
