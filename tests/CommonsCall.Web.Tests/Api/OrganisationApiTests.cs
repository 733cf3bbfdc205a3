using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>Organisations through the HTTP API: status codes, problem codes and permissions per role.</summary>
public sealed class OrganisationApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/organisations"),
        ("post", "/api/v1/organisations"),
        ("get", "/api/v1/organisations/{id}"),
        ("put", "/api/v1/organisations/{id}"),
        ("post", "/api/v1/organisations/{id}/invitations"),
        ("delete", "/api/v1/organisations/{id}/representatives/{userId}"),
    ];

    private readonly TestData _data = new(app);

    private static object Organisation(string? name = null, string? website = "https://velos.example") => new
    {
        name = name ?? "Vélos Partagés " + Guid.NewGuid().ToString("N")[..6],
        kind = "Association",
        sizeBand = "Small",
        stage = "Creation",
        website,
        description = "Association qui partage des vélos.",
    };

    [Fact]
    public async Task A_signed_in_user_creates_an_organisation_reads_lists_and_edits_it()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());

        var created = await client.PostAsJsonAsync("/api/v1/organisations", Organisation("Vélos Partagés API"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/organisations/{id}");
        body.GetProperty("kind").GetString().ShouldBe("Association");
        body.GetProperty("members").GetArrayLength().ShouldBe(1);
        (await (await client.GetAsync("/api/v1/organisations")).JsonAsync()).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ShouldBe([id]);

        var edited = await client.PutAsJsonAsync($"/api/v1/organisations/{id}", Organisation("Vélos en Commun API", website: null));

        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = await (await client.GetAsync($"/api/v1/organisations/{id}")).JsonAsync();
        detail.GetProperty("name").GetString().ShouldBe("Vélos en Commun API");
        detail.GetProperty("website").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Organisations_are_for_signed_in_callers_only()
    {
        var anonymous = ApiClient.Anonymous(app);
        var organisation = await _data.OrganisationAsync();

        await (await anonymous.GetAsync("/api/v1/organisations")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await anonymous.GetAsync($"/api/v1/organisations/{organisation.Id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await anonymous.PostAsJsonAsync("/api/v1/organisations", Organisation())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await anonymous.PutAsJsonAsync($"/api/v1/organisations/{organisation.Id}", Organisation())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Each_role_sees_and_edits_what_it_may()
    {
        var organisation = await _data.OrganisationAsync();
        var member = await ApiClient.ForAsync(app, await _data.UserAsync(organisation: organisation.Id));
        var stranger = await ApiClient.ForAsync(app, await _data.UserAsync(organisation: (await _data.OrganisationAsync()).Id));
        var facilitator = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Facilitator));
        var admin = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Administrator));
        var url = $"/api/v1/organisations/{organisation.Id}";

        await (await stranger.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await stranger.PutAsJsonAsync(url, Organisation())).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var seenByFacilitator = await (await facilitator.GetAsync(url)).JsonAsync();
        seenByFacilitator.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        seenByFacilitator.GetProperty("members").GetArrayLength().ShouldBe(0);
        await (await facilitator.PutAsJsonAsync(url, Organisation())).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await (await facilitator.GetAsync("/api/v1/organisations")).JsonAsync()).EnumerateArray().ShouldContain(o => o.GetProperty("id").GetGuid() == organisation.Id);

        (await member.PutAsJsonAsync(url, Organisation("Par un membre " + Guid.NewGuid().ToString("N")[..4]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync(url, Organisation("Par l'admin " + Guid.NewGuid().ToString("N")[..4]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await member.GetAsync(url)).JsonAsync()).GetProperty("name").GetString()!.ShouldStartWith("Par l'admin");
    }

    [Fact]
    public async Task Duplicates_and_invalid_fields_are_problems_with_stable_codes()
    {
        var existing = await _data.OrganisationAsync();
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());

        await (await client.PostAsJsonAsync("/api/v1/organisations", Organisation(existing.Name))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DuplicateOrganisationName);
        var invalid = await (await client.PostAsJsonAsync("/api/v1/organisations", Organisation("", website: "ftp://velos.example"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["name", "website"]);
        await (await client.PostAsJsonAsync("/api/v1/organisations", new { name = "X", kind = "Multinational", sizeBand = "Small", stage = "Creation" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
    }

    [Fact]
    public async Task A_member_invites_a_representative_by_link()
    {
        var organisation = await _data.OrganisationAsync();
        var member = await ApiClient.ForAsync(app, await _data.UserAsync(organisation: organisation.Id));
        var stranger = await ApiClient.ForAsync(app, await _data.UserAsync());
        var url = $"/api/v1/organisations/{organisation.Id}/invitations";

        var created = await member.PostAsJsonAsync(url, new { email = "collegue@test.example" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var link = (await created.JsonAsync()).GetProperty("registrationUrl").GetString()!;
        link.ShouldContain("/account/register?token=");
        await (await member.PostAsJsonAsync(url, new { email = "pas-un-email" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await stranger.PostAsJsonAsync(url, new { email = "x@test.example" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_person_removed_from_an_organisation_loses_its_calls_at_once_and_the_removal_is_audited()
    {
        var organisation = await _data.OrganisationAsync();
        var staying = await _data.UserAsync(organisation: organisation.Id);
        var leaving = await _data.UserAsync(organisation: organisation.Id);
        var call = await _data.CallAsync(CallVisibility.MembersOnly);
        await _data.JoinAsync(call, organisation, ParticipantRole.Member);
        var leaver = await ApiClient.ForAsync(app, leaving);
        await (await leaver.GetAsync($"/api/v1/calls/{call.Slug}")).ShouldBeOkAsync();

        var removed = await (await ApiClient.ForAsync(app, staying)).DeleteAsync($"/api/v1/organisations/{organisation.Id}/representatives/{leaving.UserId}");

        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await leaver.GetAsync($"/api/v1/calls/{call.Slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await leaver.GetAsync($"/api/v1/organisations/{organisation.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await using var db = await _data.DbAsync();
        var audit = db.Audit.Single(a => a.Action == "organisation.representative_removed" && a.ActorUserId == staying.UserId);
        audit.Before.ShouldNotBeNull().ShouldContain(leaving.UserId!);
    }

    [Fact]
    public async Task The_last_representative_stays_and_strangers_cannot_remove_anyone()
    {
        var organisation = await _data.OrganisationAsync();
        var only = await _data.UserAsync(organisation: organisation.Id);
        var url = $"/api/v1/organisations/{organisation.Id}/representatives/{only.UserId}";

        await (await (await ApiClient.ForAsync(app, only)).DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.LastRepresentative);
        await (await (await ApiClient.ForAsync(app, await _data.UserAsync())).DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await (await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Facilitator))).DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await using var db = await _data.DbAsync();
        db.OrganisationMembers.Count(m => m.OrganisationId == organisation.Id).ShouldBe(1);
    }

    [Fact]
    public async Task Every_organisation_endpoint_is_documented_and_requires_a_token()
    {
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Organisations"]);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldContain(r => r.StartsWith('2'), path);
            responses.ShouldContain("401", path);
            operation.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"]);
        }
    }
}
