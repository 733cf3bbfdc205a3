using System.Net;
using System.Net.Http.Json;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Objections;

/// <summary>Issue 16 §4 through the HTTP API: the same rules, answered as problem details with their codes.</summary>
public sealed class ObjectionApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_member_objects_through_the_api_and_approval_is_refused_with_the_objections_code_until_it_is_answered()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var commons = await s.ProposeAsync(s.Members[0]);
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        var member = await ApiClient.ForAsync(app, s.Members[1].User);
        var url = $"/api/v1/calls/{s.Slug}";

        (await facilitator.PostAsJsonAsync($"{url}/commons/{commons}/objection-window", new { durationHours = 24 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var raised = await member.PostAsJsonAsync($"{url}/commons/{commons}/objections", new { organisationId = s.Members[1].Id, reason = "Le registre ne prévoit aucune donnée ouverte pour les collectivités." });
        raised.StatusCode.ShouldBe(HttpStatusCode.Created);
        var objection = (await raised.JsonAsync()).GetProperty("id").GetGuid();
        app.Clock.Advance(TimeSpan.FromDays(1));

        var refused = await facilitator.PostAsync($"{url}/commons/{commons}/approval", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.JsonAsync()).GetProperty("code").GetString().ShouldBe("objection_open");
        var listed = await (await member.GetAsync($"{url}/commons/{commons}/objections")).JsonAsync();
        listed.GetProperty("objections")[0].GetProperty("state").GetString().ShouldBe("Open");
        (await member.PostAsJsonAsync($"{url}/objections/{objection}/answer", new { outcome = "Resolved", answer = "Je réponds moi-même." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await facilitator.PostAsJsonAsync($"{url}/objections/{objection}/answer", new { outcome = "Overridden", answer = "Les données ouvertes viendront en phase 2." })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await facilitator.PostAsync($"{url}/commons/{commons}/approval", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ApiClient.Anonymous(app).GetAsync($"{url}/commons/{commons}/objections")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
