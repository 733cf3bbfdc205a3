using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>The commons and working-group API through the real HTTP pipeline: status codes, problem codes, permissions per role.</summary>
public sealed class CommonsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Every commons and working-group operation (approval and send-back are the budget round's, see BudgetApiTests).</summary>
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/map"),
        ("get", "/api/v1/calls/{slug}/commons"),
        ("post", "/api/v1/calls/{slug}/commons"),
        ("get", "/api/v1/calls/{slug}/commons/{id}"),
        ("put", "/api/v1/calls/{slug}/commons/{id}"),
        ("put", "/api/v1/calls/{slug}/commons/{id}/budget-lines"),
        ("put", "/api/v1/calls/{slug}/commons/{id}/challenges"),
        ("post", "/api/v1/calls/{slug}/commons/{id}/co-creators"),
        ("delete", "/api/v1/calls/{slug}/commons/{id}/co-creators/{organisationId}"),
        ("put", "/api/v1/calls/{slug}/commons/{id}/positionings/mine"),
        ("delete", "/api/v1/calls/{slug}/commons/{id}/positionings/mine"),
        ("post", "/api/v1/calls/{slug}/commons/{id}/milestones"),
        ("put", "/api/v1/calls/{slug}/commons/{id}/milestones/{milestoneId}"),
        ("delete", "/api/v1/calls/{slug}/commons/{id}/milestones/{milestoneId}"),
        ("post", "/api/v1/calls/{slug}/commons/{id}/meetings"),
        ("delete", "/api/v1/calls/{slug}/commons/{id}/meetings/{meetingId}"),
        ("get", "/api/v1/calls/{slug}/commons/{id}/cover"),
        ("put", "/api/v1/calls/{slug}/commons/{id}/cover"),
        ("delete", "/api/v1/calls/{slug}/commons/{id}/cover"),
    ];

    private static object Proposal(CommonsScenario s, Member by, string licence = "MIT", long maximum = 1_500_000) => new
    {
        organisationId = by.Id,
        title = "Standard d'échange des offres de covoiturage",
        summary = "Protocole ouvert (OpenAPI) pour publier offres et demandes.",
        kind = "ProtocolOrStandard",
        licence,
        maturity = "Emergence",
        governance = "Comité technique ouvert",
        lookingFor = new[] { "Funding", "UseCases" },
        skillsWanted = "OpenAPI",
        budgetLines = new[] { new { description = "Spécification", minimum = 250_000L, maximum } },
        challengeIds = new[] { s.PublishedChallenge },
    };

    private static object Description(string title) => new
    {
        title,
        summary = "Protocole ouvert.",
        kind = "ProtocolOrStandard",
        licence = "Apache-2.0",
        maturity = "Maturity",
        lookingFor = new[] { "Expertise" },
    };

    private static async Task<Guid> ProposeAsync(HttpClient client, CommonsScenario s, Member by)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/commons", Proposal(s, by));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_member_proposes_a_commons_and_anyone_reads_it_from_a_public_call()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var member = await ApiClient.ForAsync(app, s.Members[0].User);

        var response = await member.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/commons", Proposal(s, s.Members[0], licence: "mpl-2.0"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/calls/{s.Slug}/commons/{id}");
        created.GetProperty("licence").GetString().ShouldBe("MPL-2.0");
        created.GetProperty("you").GetProperty("canEdit").GetBoolean().ShouldBeTrue();

        var anonymous = ApiClient.Anonymous(app);
        var detail = await (await anonymous.GetAsync($"/api/v1/calls/{s.Slug}/commons/{id}")).JsonAsync();
        detail.GetProperty("status").GetString().ShouldBe("Proposed");
        detail.GetProperty("kind").GetString().ShouldBe("ProtocolOrStandard");
        detail.GetProperty("lookingFor").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Funding", "UseCases"]);
        detail.GetProperty("minimumGoal").GetInt64().ShouldBe(250_000);
        detail.GetProperty("maximumGoal").GetInt64().ShouldBe(1_500_000);
        detail.GetProperty("challenges").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(s.PublishedChallenge);
        detail.GetProperty("call").GetProperty("slug").GetString().ShouldBe(s.Slug);
        detail.GetProperty("call").TryGetProperty("access", out _).ShouldBeFalse("the viewer's access is for the pages only");
        detail.GetProperty("you").GetProperty("canEdit").GetBoolean().ShouldBeFalse();

        var list = await (await anonymous.GetAsync($"/api/v1/calls/{s.Slug}/commons")).JsonAsync();
        list.GetProperty("commons").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(id);
        list.GetProperty("canPropose").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Proposals_are_refused_with_the_right_status_and_code()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var url = $"/api/v1/calls/{s.Slug}/commons";

        await (await ApiClient.Anonymous(app).PostAsJsonAsync(url, Proposal(s, s.Members[0]))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        var funder = await ApiClient.ForAsync(app, s.Funder.User);
        await (await funder.PostAsJsonAsync(url, Proposal(s, s.Funder))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var member = await ApiClient.ForAsync(app, s.Members[0].User);
        var invalid = await member.PostAsJsonAsync(url, Proposal(s, s.Members[0], licence: "CC-BY-NC-4.0", maximum: 1));
        var problem = await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["licence", "budgetLines[0].maximum"], ignoreOrder: true);

        var malformed = await member.PostAsJsonAsync(url, new { organisationId = s.Members[0].Id, kind = "Spaceship" });
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);

        var list = await (await member.GetAsync(url)).JsonAsync();
        list.GetProperty("commons").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Proposing_outside_phase_commons_is_a_422_with_its_code()
    {
        var s = await CommonsScenario.CreateAsync(app, CallPhase.Challenges);
        var member = await ApiClient.ForAsync(app, s.Members[0].User);

        var response = await member.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/commons", Proposal(s, s.Members[0]));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CommonsPhaseClosed);
    }

    [Fact]
    public async Task A_members_only_call_and_its_commons_are_404_to_outsiders()
    {
        var s = await CommonsScenario.CreateAsync(app, visibility: CallVisibility.MembersOnly);
        var id = await s.ProposeAsync(s.Members[0]);
        var outsider = await ApiClient.ForAsync(app, s.Outsider.User);

        foreach (var url in new[] { $"/api/v1/calls/{s.Slug}/commons", $"/api/v1/calls/{s.Slug}/commons/{id}", $"/api/v1/calls/{s.Slug}/map" })
        {
            await (await outsider.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            await (await ApiClient.Anonymous(app).GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }

        await (await outsider.PostAsJsonAsync($"/api/v1/calls/{s.Slug}/commons", Proposal(s, s.Outsider))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await outsider.PutAsJsonAsync($"/api/v1/calls/{s.Slug}/commons/{id}/positionings/mine", new { kinds = new[] { "Wants" } })).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await (await ApiClient.ForAsync(app, s.Members[1].User)).GetAsync($"/api/v1/calls/{s.Slug}/commons/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await outsider.GetAsync($"/api/v1/calls/{s.Slug}/commons/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Editing_follows_the_roles_and_the_review()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);
        var other = await ApiClient.ForAsync(app, s.Members[1].User);
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        var id = await ProposeAsync(owner, s, s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}";

        (await owner.PutAsJsonAsync(url, Description("Standard v2"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await other.PutAsJsonAsync(url, Description("Piraté"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await owner.PutAsJsonAsync(url, new { title = "", summary = "x", kind = "Data", licence = "MIT", maturity = "Emergence" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);

        await (await other.PostAsync($"{url}/approval", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await facilitator.PostAsync($"{url}/approval", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await owner.PutAsJsonAsync(url, Description("Après validation"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CommonsLocked);
        (await facilitator.PutAsJsonAsync(url, Description("Corrigé par l'animation"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await facilitator.PostAsJsonAsync($"{url}/send-back", new { comment = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        (await facilitator.PostAsJsonAsync($"{url}/send-back", new { comment = "Précisez la licence des données." })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.PutAsJsonAsync(url, Description("Standard v3"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var detail = await (await owner.GetAsync(url)).JsonAsync();
        detail.GetProperty("title").GetString().ShouldBe("Standard v3");
        detail.GetProperty("reviewComment").GetString().ShouldBe("Précisez la licence des données.");
        detail.GetProperty("maturity").GetString().ShouldBe("Maturity");
    }

    [Fact]
    public async Task Budget_lines_challenges_and_co_creators_have_their_own_endpoints()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);
        var id = await ProposeAsync(owner, s, s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}";

        (await owner.PutAsJsonAsync($"{url}/budget-lines", new { budgetLines = new[] { new { description = "Prototype", minimum = 400_000, maximum = 700_000 } } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var invalid = await owner.PutAsJsonAsync($"{url}/budget-lines", new { budgetLines = new[] { new { description = "Prototype", minimum = 0, maximum = 700_000 } } });
        (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation)).GetProperty("errors").TryGetProperty("budgetLines[0].minimum", out _).ShouldBeTrue();
        await (await owner.PutAsJsonAsync($"{url}/challenges", new { challengeIds = new[] { s.DraftChallenge } })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.UnknownChallenge);
        (await owner.PostAsJsonAsync($"{url}/co-creators", new { organisationId = s.Members[1].Id })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await owner.PostAsJsonAsync($"{url}/co-creators", new { organisationId = s.Outsider.Id })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.UnknownOrganisation);
        await (await owner.DeleteAsync($"{url}/co-creators/{s.Members[0].Id}")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CannotRemoveProposer);

        // The new co-creator may now edit; the budget freezes when the round opens.
        var coCreator = await ApiClient.ForAsync(app, s.Members[1].User);
        (await coCreator.PutAsJsonAsync($"{url}/challenges", new { challengeIds = Array.Empty<Guid>() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await s.OpenBudgetingAsync(id);
        var facilitator = await ApiClient.ForAsync(app, s.Facilitator);
        await (await facilitator.PutAsJsonAsync($"{url}/budget-lines", new { budgetLines = new[] { new { description = "Moins", minimum = 1, maximum = 2 } } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.BudgetLinesLocked);

        var detail = await (await ApiClient.Anonymous(app).GetAsync(url)).JsonAsync();
        detail.GetProperty("maximumGoal").GetInt64().ShouldBe(700_000);
        detail.GetProperty("challenges").GetArrayLength().ShouldBe(0);
        detail.GetProperty("coCreators").GetArrayLength().ShouldBe(2);
        detail.GetProperty("funding").GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Organisations_position_themselves_and_withdraw()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}/positionings/mine";
        var member = await ApiClient.ForAsync(app, s.Members[1].User);
        var body = new { kinds = new[] { "Wants", "ContributesTechnicalMeans" }, expectations = "Recenser nos aires", availability = "1 jour par mois" };

        (await member.PutAsJsonAsync(url, body)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await member.PutAsJsonAsync(url, new { kinds = Array.Empty<string>() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await ApiClient.Anonymous(app).PutAsJsonAsync(url, body)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await (await ApiClient.ForAsync(app, s.Outsider.User)).PutAsJsonAsync(url, body)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await member.PutAsJsonAsync(url, new { organisationId = s.Members[2].Id, kinds = new[] { "Wants" } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var group = (await (await member.GetAsync($"/api/v1/calls/{s.Slug}/commons/{id}")).JsonAsync()).GetProperty("workingGroup").GetProperty("members");
        var mine = group.EnumerateArray().Single(m => m.GetProperty("organisationId").GetGuid() == s.Members[1].Id);
        mine.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).ShouldBe(["Wants", "ContributesTechnicalMeans"]);
        mine.GetProperty("expectations").GetString().ShouldBe("Recenser nos aires");

        (await member.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = (await (await member.GetAsync($"/api/v1/calls/{s.Slug}/commons/{id}")).JsonAsync()).GetProperty("workingGroup").GetProperty("members");
        after.GetArrayLength().ShouldBe(1, "only the proposing co-creator is left");
    }

    [Fact]
    public async Task The_group_manages_milestones_and_meetings()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var url = $"/api/v1/calls/{s.Slug}/commons/{id}";
        var owner = await ApiClient.ForAsync(app, s.Members[0].User);
        var stranger = await ApiClient.ForAsync(app, s.Members[2].User);

        var created = await owner.PostAsJsonAsync($"{url}/milestones", new { title = "Spécification v1", dueOn = TestClock.IsoDay(23), ownerOrganisationId = s.Members[0].Id });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var milestone = (await created.JsonAsync()).GetProperty("id").GetGuid();
        (await owner.PutAsJsonAsync($"{url}/milestones/{milestone}", new { title = "Spécification v1", dueOn = TestClock.IsoDay(28), ownerOrganisationId = s.Members[0].Id, done = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await owner.PostAsJsonAsync($"{url}/milestones", new { title = "Hors groupe", dueOn = TestClock.IsoDay(23), ownerOrganisationId = s.Members[2].Id }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.NotInWorkingGroup);
        await (await stranger.DeleteAsync($"{url}/milestones/{milestone}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await owner.DeleteAsync($"{url}/milestones/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        (await owner.PostAsJsonAsync($"{url}/meetings", new { on = TestClock.IsoDay(-21) })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var meeting = await owner.PostAsJsonAsync($"{url}/meetings", new { on = TestClock.IsoDay(49), note = "Revue de la spécification" });
        meeting.StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await owner.PostAsJsonAsync($"{url}/meetings", new { on = TestClock.IsoDay(49) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await stranger.PostAsJsonAsync($"{url}/meetings", new { on = TestClock.IsoDay(80) })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var group = (await (await ApiClient.Anonymous(app).GetAsync(url)).JsonAsync()).GetProperty("workingGroup");
        var done = group.GetProperty("milestones").EnumerateArray().Single();
        done.GetProperty("isDone").GetBoolean().ShouldBeTrue();
        done.GetProperty("dueOn").GetString().ShouldBe(TestClock.IsoDay(28));
        var cadence = group.GetProperty("cadence");
        cadence.GetProperty("next").GetString().ShouldBe(TestClock.IsoDay(49));
        var warning = cadence.GetProperty("warnings").EnumerateArray().Single();
        warning.GetProperty("kind").GetString().ShouldBe("TooFar");
        warning.GetProperty("days").GetInt32().ShouldBe(70);

        var meetingId = (await meeting.JsonAsync()).GetProperty("id").GetGuid();
        (await owner.DeleteAsync($"{url}/meetings/{meetingId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.DeleteAsync($"{url}/milestones/{milestone}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_map_lists_commons_wanted_by_many_and_produced_by_none()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0], "Base des aires");
        foreach (var member in new[] { s.Members[1], s.Members[2] })
        {
            var client = await ApiClient.ForAsync(app, member.User);
            (await client.PutAsJsonAsync($"/api/v1/calls/{s.Slug}/commons/{id}/positionings/mine", new { kinds = new[] { "Wants" } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var map = await (await ApiClient.Anonymous(app).GetAsync($"/api/v1/calls/{s.Slug}/map")).JsonAsync();

        var flagged = map.GetProperty("wantedButNotProduced").EnumerateArray().Single();
        flagged.GetProperty("commons").GetProperty("id").GetGuid().ShouldBe(id);
        flagged.GetProperty("wanters").GetInt32().ShouldBe(2);
        map.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("kinds").EnumerateArray().Single().GetString()).ShouldBe(["Wants", "Wants"]);
        map.GetProperty("organisations").GetArrayLength().ShouldBe(4, "the funder and the three members");
        await (await ApiClient.Anonymous(app).GetAsync("/api/v1/calls/no-such-call/map")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Every_commons_endpoint_is_documented_with_its_answers_and_its_security()
    {
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldHaveSingleItem().ShouldBeOneOf("Commons", "Working groups");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldContain(r => r.StartsWith('2'), path);
            responses.ShouldContain("404", path);
            var security = operation.GetProperty("security").EnumerateArray().ToList();
            if (method == "get")
            {
                security.ShouldContain(r => !r.EnumerateObject().Any(), "public calls are readable without a token");
            }
            else
            {
                security.Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"], path);
                responses.ShouldContain("401", path);
                responses.ShouldContain("403", path);
            }
        }
    }
}
