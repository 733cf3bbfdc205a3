using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Api;

/// <summary>Creating and framing calls through the HTTP API: status codes, problem codes and permissions per role.</summary>
public sealed class FramingApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("post", "/api/v1/calls"),
        ("put", "/api/v1/calls/{slug}"),
        ("post", "/api/v1/calls/{slug}/glossary"),
        ("put", "/api/v1/calls/{slug}/glossary/{termId}"),
        ("delete", "/api/v1/calls/{slug}/glossary/{termId}"),
        ("post", "/api/v1/calls/{slug}/scope"),
        ("put", "/api/v1/calls/{slug}/scope/{statementId}"),
        ("delete", "/api/v1/calls/{slug}/scope/{statementId}"),
        ("post", "/api/v1/calls/{slug}/participants"),
        ("post", "/api/v1/calls/{slug}/participants/{organisationId}/{role}/accept"),
        ("post", "/api/v1/calls/{slug}/participants/{organisationId}/{role}/leave"),
    ];

    private readonly TestData _data = new(app);

    private static object NewCall(string slug) => new
    {
        title = "Communs de la logistique urbaine",
        slug,
        summary = "Un appel **ouvert**.",
        ecosystem = "Logistique, Valmont",
        currency = "EUR",
        visibility = "Public",
        plannedDates = new[] { new { phase = "Framing", date = TestClock.IsoDay(7) }, new { phase = "Budgeting", date = TestClock.IsoDay(98) } },
    };

    private static object Edit(string title = "Titre revu") => new
    {
        title,
        summary = "Résumé revu",
        ecosystem = "Grand Valmont",
        currency = "EUR",
        visibility = "MembersOnly",
        plannedDates = new[] { new { phase = "Challenges", date = TestClock.IsoDay(37) } },
    };

    private static string Slug() => "api-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A public call with its facilitator, a joined member's representative and the facilitator of another call.</summary>
    private async Task<(Call Call, HttpClient Facilitator, HttpClient Member, HttpClient OtherFacilitator, HttpClient Admin)> ArrangeAsync(CallVisibility visibility = CallVisibility.Public)
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(visibility, facilitator);
        var organisation = await _data.OrganisationAsync();
        await _data.JoinAsync(call, organisation, ParticipantRole.Member);
        var otherFacilitator = await _data.UserAsync(Roles.Facilitator);
        await _data.CallAsync(CallVisibility.Public, otherFacilitator);
        return (call,
            await ApiClient.ForAsync(app, facilitator),
            await ApiClient.ForAsync(app, await _data.UserAsync(organisation: organisation.Id)),
            await ApiClient.ForAsync(app, otherFacilitator),
            await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Administrator)));
    }

    private async Task<Call> StoredAsync(Guid id)
    {
        await using var db = await _data.DbAsync();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task A_facilitator_creates_a_call_and_reads_it_back_with_its_planned_dates()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Facilitator));
        var slug = Slug();

        var response = await client.PostAsJsonAsync("/api/v1/calls", NewCall(slug));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/calls/{slug}");
        (await response.JsonAsync()).GetProperty("slug").GetString().ShouldBe(slug);
        var call = await (await client.GetAsync($"/api/v1/calls/{slug}")).JsonAsync();
        call.GetProperty("phase").GetString().ShouldBe("Draft");
        call.GetProperty("you").GetProperty("isFacilitator").GetBoolean().ShouldBeTrue();
        call.GetProperty("plannedDates").EnumerateArray().Select(d => (d.GetProperty("phase").GetString(), d.GetProperty("date").GetString()))
            .ShouldBe([("Framing", TestClock.IsoDay(7)), ("Budgeting", TestClock.IsoDay(98))]);
    }

    [Fact]
    public async Task Creating_a_call_is_refused_to_anonymous_callers_and_members_and_allowed_to_administrators()
    {
        var member = await ApiClient.ForAsync(app, await _data.UserAsync(organisation: (await _data.OrganisationAsync()).Id));
        var admin = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Administrator));
        var slug = Slug();

        await (await ApiClient.Anonymous(app).PostAsJsonAsync("/api/v1/calls", NewCall(slug))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await member.PostAsJsonAsync("/api/v1/calls", NewCall(slug))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).GetAsync($"/api/v1/calls/{slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        (await admin.PostAsJsonAsync("/api/v1/calls", NewCall(slug))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_taken_slug_and_invalid_fields_are_problems_with_stable_codes()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Facilitator));
        var existing = await _data.CallAsync();

        await (await client.PostAsJsonAsync("/api/v1/calls", NewCall(existing.Slug))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DuplicateSlug);

        var invalid = await (await client.PostAsJsonAsync("/api/v1/calls", new
        {
            title = "",
            slug = "Pas Valide",
            summary = "S",
            ecosystem = "E",
            currency = "ZZZ",
            visibility = "Public",
            plannedDates = new[] { new { phase = "Draft", date = TestClock.IsoDay(7) } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["currency", "plannedDates[0].phase", "slug", "title"]);

        await (await client.PostAsJsonAsync("/api/v1/calls", new { title = "T", slug = Slug(), visibility = "Everyone" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
    }

    [Fact]
    public async Task Editing_a_call_per_role()
    {
        var (call, facilitator, member, otherFacilitator, admin) = await ArrangeAsync();

        await (await ApiClient.Anonymous(app).PutAsJsonAsync($"/api/v1/calls/{call.Slug}", Edit())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await member.PutAsJsonAsync($"/api/v1/calls/{call.Slug}", Edit())).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await otherFacilitator.PutAsJsonAsync($"/api/v1/calls/{call.Slug}", Edit())).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await StoredAsync(call.Id)).Title.ShouldBe(call.Title);

        (await facilitator.PutAsJsonAsync($"/api/v1/calls/{call.Slug}", Edit("Par l'animation"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await StoredAsync(call.Id)).Title.ShouldBe("Par l'animation");
        (await admin.PutAsJsonAsync($"/api/v1/calls/{call.Slug}", Edit("Par l'administration"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var stored = await StoredAsync(call.Id);
        stored.Title.ShouldBe("Par l'administration");
        stored.Visibility.ShouldBe(CallVisibility.MembersOnly);
        stored.PlannedDates.StartOf(CallPhase.Challenges).ShouldBe(TestClock.Today.AddDays(37));
    }

    [Fact]
    public async Task A_members_only_call_stays_a_404_to_outsiders_who_try_to_frame_it()
    {
        var (call, _, _, otherFacilitator, _) = await ArrangeAsync(CallVisibility.MembersOnly);

        await (await otherFacilitator.PutAsJsonAsync($"/api/v1/calls/{call.Slug}", Edit())).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await otherFacilitator.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/glossary", new { term = "T", definition = "D" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await ApiClient.Anonymous(app).PostAsJsonAsync($"/api/v1/calls/{call.Slug}/participants", new { organisationId = Guid.NewGuid(), role = "Member" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).PutAsJsonAsync("/api/v1/calls/no-such-call", Edit())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        (await StoredAsync(call.Id)).Title.ShouldBe(call.Title);
    }

    [Fact]
    public async Task The_currency_locked_refusal_is_a_422()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 1, pool: 10_000, null, (1_000, 5_000));
        var client = await ApiClient.ForAsync(app, s.Facilitator);

        await (await client.PutAsJsonAsync($"/api/v1/calls/{s.Call.Slug}", new { title = "T", summary = "S", ecosystem = "E", currency = "USD", visibility = "Public" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CurrencyLocked);
    }

    [Fact]
    public async Task The_glossary_through_the_api()
    {
        var (call, facilitator, member, otherFacilitator, _) = await ArrangeAsync();
        var glossary = $"/api/v1/calls/{call.Slug}/glossary";

        var created = await facilitator.PostAsJsonAsync(glossary, new { term = "Commun", definition = "Ressource partagée" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await facilitator.PostAsJsonAsync(glossary, new { term = "commun", definition = "Doublon" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.DuplicateTerm);
        var invalid = await (await facilitator.PostAsJsonAsync(glossary, new { term = "", definition = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["definition", "term"]);
        await (await member.PostAsJsonAsync(glossary, new { term = "X", definition = "Y" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await otherFacilitator.PutAsJsonAsync($"{glossary}/{id}", new { term = "X", definition = "Y" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).DeleteAsync($"{glossary}/{id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);

        (await facilitator.PutAsJsonAsync($"{glossary}/{id}", new { term = "Commun", definition = "Ressource ouverte" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var term = (await (await member.GetAsync($"/api/v1/calls/{call.Slug}")).JsonAsync()).GetProperty("glossary").EnumerateArray().Single();
        term.GetProperty("id").GetGuid().ShouldBe(id);
        term.GetProperty("definition").GetString().ShouldBe("Ressource ouverte");

        (await facilitator.DeleteAsync($"{glossary}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await facilitator.DeleteAsync($"{glossary}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await (await member.GetAsync($"/api/v1/calls/{call.Slug}")).JsonAsync()).GetProperty("glossary").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_scope_through_the_api()
    {
        var (call, facilitator, member, _, admin) = await ArrangeAsync();
        var scope = $"/api/v1/calls/{call.Slug}/scope";

        var created = await facilitator.PostAsJsonAsync(scope, new { text = "Les trajets du quotidien", inScope = true });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await member.PostAsJsonAsync(scope, new { text = "X", inScope = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await facilitator.PostAsJsonAsync(scope, new { text = "", inScope = true })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);

        (await admin.PutAsJsonAsync($"{scope}/{id}", new { text = "La longue distance", inScope = false })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var statement = (await (await member.GetAsync($"/api/v1/calls/{call.Slug}")).JsonAsync()).GetProperty("scope").EnumerateArray().Single();
        statement.GetProperty("text").GetString().ShouldBe("La longue distance");
        statement.GetProperty("inScope").GetBoolean().ShouldBeFalse();

        (await facilitator.DeleteAsync($"{scope}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await facilitator.PutAsJsonAsync($"{scope}/{id}", new { text = "X", inScope = true })).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Participants_are_invited_accept_and_leave_through_the_api()
    {
        var (call, facilitator, member, otherFacilitator, _) = await ArrangeAsync(CallVisibility.MembersOnly);
        var organisation = await _data.OrganisationAsync();
        var representative = await ApiClient.ForAsync(app, await _data.UserAsync(organisation: organisation.Id));
        var participants = $"/api/v1/calls/{call.Slug}/participants";
        var invitation = new { organisationId = organisation.Id, role = "Funder" };

        await (await representative.GetAsync($"/api/v1/calls/{call.Slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await member.PostAsJsonAsync(participants, invitation)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await otherFacilitator.PostAsJsonAsync(participants, invitation)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await facilitator.PostAsJsonAsync(participants, new { organisationId = Guid.NewGuid(), role = "Member" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.UnknownOrganisation);

        (await facilitator.PostAsJsonAsync(participants, invitation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await facilitator.PostAsJsonAsync(participants, invitation)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.AlreadyParticipant);

        var seen = await (await representative.GetAsync($"/api/v1/calls/{call.Slug}")).JsonAsync();
        seen.GetProperty("participants").EnumerateArray().ShouldContain(p => p.GetProperty("organisationId").GetGuid() == organisation.Id && p.GetProperty("state").GetString() == "Invited");
        await (await member.PostAsync($"{participants}/{organisation.Id}/Funder/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        (await representative.PostAsync($"{participants}/{organisation.Id}/Funder/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var joined = await (await representative.GetAsync($"/api/v1/calls/{call.Slug}")).JsonAsync();
        joined.GetProperty("you").GetProperty("isFunder").GetBoolean().ShouldBeTrue();

        (await representative.PostAsync($"{participants}/{organisation.Id}/Funder/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Having left a members-only call, the organisation is an outsider again: the call does not exist for it.
        await (await representative.GetAsync($"/api/v1/calls/{call.Slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await representative.PostAsync($"{participants}/{organisation.Id}/Funder/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Every_framing_endpoint_is_documented_with_its_answers_and_requires_a_token()
    {
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Calls"]);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldContain(r => r.StartsWith('2'), path);
            responses.ShouldContain("401", path);
            responses.ShouldContain("403", path);
            if (path != "/api/v1/calls")
            {
                responses.ShouldContain("404", path);
            }

            operation.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"]);
        }
    }
}
