using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>The micro-challenge endpoints through the real HTTP pipeline: status codes, problem codes, permissions per role.</summary>
public sealed class ChallengeApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Every operation of the micro-challenge API (the OpenAPI tests check that nothing else is documented).</summary>
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/challenges"),
        ("post", "/api/v1/calls/{slug}/challenges"),
        ("get", "/api/v1/calls/{slug}/challenges/{id}"),
        ("put", "/api/v1/calls/{slug}/challenges/{id}"),
        ("post", "/api/v1/calls/{slug}/challenges/{id}/publish"),
        ("post", "/api/v1/calls/{slug}/challenges/{id}/archive"),
        ("put", "/api/v1/calls/{slug}/challenges/{id}/resource-person"),
        ("post", "/api/v1/calls/{slug}/challenges/{id}/support"),
        ("delete", "/api/v1/calls/{slug}/challenges/{id}/support"),
    ];

    private static readonly object NewChallenge = new
    {
        question = "Comment prouver qu'un covoiturage a eu lieu ?",
        context = "Les collectivités veulent payer des incitations sans fraude.",
        pains = new[] { "Fraude aux incitations", "Preuves papier" },
        scenarioBefore = "Déclarations sur l'honneur.",
        scenarioAfter = "Une preuve numérique partagée.",
        indicators = new[] { new { name = "Trajets prouvés", before = 5, target = 80, unit = "%" } },
        whoPays = "Les collectivités",
        whoUses = "Les opérateurs",
        whoBenefits = "Les covoitureurs",
        targetCommunityMin = 12,
        targetCommunityMax = 18,
        publish = true,
    };

    private static string Path(ChallengeScenario s, Guid? id = null, string? action = null) =>
        $"/api/v1/calls/{s.Slug}/challenges" + (id is { } x ? $"/{x}" : "") + (action is null ? "" : $"/{action}");

    private Task<HttpClient> ClientAsync(Actor actor) => ApiClient.ForAsync(app, actor);

    [Fact]
    public async Task Anyone_reads_the_published_challenges_of_a_public_call_with_enums_as_strings()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var published = await s.WriteAsync();
        var draft = await s.WriteAsync(publish: false, question: "Comment partager plus de vélos ?");
        var anonymous = ApiClient.Anonymous(app);

        var list = await (await anonymous.GetAsync(Path(s))).JsonAsync();

        var item = list.EnumerateArray().Single();
        item.GetProperty("id").GetGuid().ShouldBe(published);
        item.GetProperty("status").GetString().ShouldBe("Published");
        item.GetProperty("author").GetProperty("name").GetString().ShouldBe(s.Author.Organisation.Name);
        item.GetProperty("painCount").GetInt32().ShouldBe(2);

        var detail = await anonymous.GetAsync(Path(s, published));
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await detail.JsonAsync();
        body.GetProperty("question").GetString().ShouldBe("Comment recenser les aires de covoiturage ?");
        body.GetProperty("pains").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Aires introuvables", "Listes en double"]);
        var indicator = body.GetProperty("indicators").EnumerateArray().Single();
        (indicator.GetProperty("name").GetString(), indicator.GetProperty("before").GetDecimal(), indicator.GetProperty("target").GetDecimal(), indicator.GetProperty("unit").GetString())
            .ShouldBe(("Aires recensées", 40m, 300m, "aires"));
        body.GetProperty("targetCommunityMin").GetInt32().ShouldBe(15);
        body.GetProperty("resourcePerson").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("you").GetProperty("canEdit").GetBoolean().ShouldBeFalse();

        await (await anonymous.GetAsync(Path(s, draft))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await anonymous.GetAsync(Path(s, Guid.NewGuid()))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_challenges_of_a_members_only_call_are_a_404_to_outsiders_and_members_of_another_call()
    {
        var s = await ChallengeScenario.CreateAsync(app, CallVisibility.MembersOnly);
        var elsewhere = await ChallengeScenario.CreateAsync(app, CallVisibility.MembersOnly);
        var id = await s.WriteAsync();

        foreach (var client in new[] { ApiClient.Anonymous(app), await ClientAsync(s.Outsider), await ClientAsync(elsewhere.Author.User) })
        {
            await (await client.GetAsync(Path(s))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            var problem = await (await client.GetAsync(Path(s, id))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            problem.ToString().ShouldNotContain("aires");
            await (await client.PostAsJsonAsync(Path(s), NewChallenge)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            await (await client.PostAsync(Path(s, id, "support"), null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }

        var member = await ClientAsync(s.Other.User);
        (await (await member.GetAsync(Path(s))).JsonAsync()).GetArrayLength().ShouldBe(1);
        (await member.GetAsync(Path(s, id))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_member_creates_a_challenge_and_gets_it_back_with_its_location()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var client = await ClientAsync(s.Author.User);

        var response = await client.PostAsJsonAsync(Path(s), NewChallenge);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe(Path(s, id));
        body.GetProperty("status").GetString().ShouldBe("Published");
        body.GetProperty("author").GetProperty("id").GetGuid().ShouldBe(s.Author.Id);
        body.GetProperty("you").GetProperty("canEdit").GetBoolean().ShouldBeTrue();
        (body.GetProperty("targetCommunityMin").GetInt32(), body.GetProperty("targetCommunityMax").GetInt32()).ShouldBe((12, 18));
        (await client.GetAsync(Path(s, id))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Creating_is_401_for_anonymous_403_for_outsiders_and_another_member_422_out_of_phase()
    {
        var s = await ChallengeScenario.CreateAsync(app);

        var anonymous = await ApiClient.Anonymous(app).PostAsJsonAsync(Path(s), NewChallenge);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        await (await (await ClientAsync(s.Outsider)).PostAsJsonAsync(Path(s), NewChallenge)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var forAuthor = JsonSerializer.SerializeToNode(NewChallenge)!.AsObject();
        forAuthor["authorOrganisationId"] = s.Author.Id;
        await (await (await ClientAsync(s.Other.User)).PostAsJsonAsync(Path(s), forAuthor)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        await s.SetPhaseAsync(CallPhase.Budgeting);
        await (await (await ClientAsync(s.Author.User)).PostAsJsonAsync(Path(s), NewChallenge)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.WrongPhase);

        (await s.ChallengeCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_invalid_challenge_is_a_400_listing_each_field_by_its_json_name()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var client = await ClientAsync(s.Author.User);

        var response = await client.PostAsJsonAsync(Path(s), new
        {
            question = "Prouver le covoiturage",
            pains = new[] { "Fraude", " " },
            indicators = new[] { new { name = "Trajets prouvés", before = 5, target = 5 } },
            targetCommunityMin = 30,
            targetCommunityMax = 20,
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["question", "pains[1]", "indicators[0].target", "targetCommunityMax"], ignoreOrder: true);

        var malformed = await client.PostAsync(Path(s), new StringContent("{\"question\": ", Encoding.UTF8, "application/json"));
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        (await s.ChallengeCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_author_edits_with_its_version_and_a_stale_version_is_a_409()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var id = await s.WriteAsync();
        var author = await ClientAsync(s.Author.User);
        var read = await (await author.GetAsync(Path(s, id))).JsonAsync();
        var version = read.GetProperty("version").GetUInt32();

        var edited = await author.PutAsJsonAsync(Path(s, id), new { question = "Comment recenser toutes les aires ?", pains = new[] { "Aires introuvables" }, version });

        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await edited.JsonAsync();
        body.GetProperty("question").GetString().ShouldBe("Comment recenser toutes les aires ?");
        body.GetProperty("version").GetUInt32().ShouldNotBe(version);

        var stale = await author.PutAsJsonAsync(Path(s, id), new { question = "Comment revenir en arrière ?", version });
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser toutes les aires ?");
    }

    [Fact]
    public async Task Editing_is_403_for_another_member_and_follows_the_phase_except_for_facilitators_and_administrators()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var id = await s.WriteAsync();
        var change = new { question = "Comment recenser les aires du territoire ?" };

        await (await (await ClientAsync(s.Other.User)).PutAsJsonAsync(Path(s, id), change)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).PutAsJsonAsync(Path(s, id), change)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await s.SetPhaseAsync(CallPhase.Results);
        await (await (await ClientAsync(s.Author.User)).PutAsJsonAsync(Path(s, id), change)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.WrongPhase);
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser les aires de covoiturage ?");

        (await (await ClientAsync(s.Facilitator)).PutAsJsonAsync(Path(s, id), change)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await ClientAsync(s.Administrator)).PutAsJsonAsync(Path(s, id), new { question = "Comment recenser les aires, selon l'administration ?" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.ReloadAsync(id)).Question.ShouldBe("Comment recenser les aires, selon l'administration ?");
    }

    [Fact]
    public async Task A_draft_is_published_by_its_author_and_archived_only_by_a_facilitator()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var id = await s.WriteAsync(publish: false);
        var author = await ClientAsync(s.Author.User);

        (await author.PostAsync(Path(s, id, "publish"), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await author.PostAsync(Path(s, id, "publish"), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Published);

        await (await author.PostAsync(Path(s, id, "archive"), null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).PostAsync(Path(s, id, "archive"), null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Published);

        (await (await ClientAsync(s.Facilitator)).PostAsync(Path(s, id, "archive"), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await s.ReloadAsync(id)).Status.ShouldBe(ChallengeStatus.Archived);
        await (await author.PostAsync(Path(s, id, "publish"), null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ChallengeArchived);

        var archived = await (await ApiClient.Anonymous(app).GetAsync(Path(s) + "?status=Archived")).JsonAsync();
        archived.EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(id);
        (await ApiClient.Anonymous(app).GetAsync(Path(s) + "?status=forgotten")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_facilitator_sets_the_resource_person_and_nobody_else_can()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var id = await s.WriteAsync();
        var facilitator = await ClientAsync(s.Facilitator);

        (await facilitator.PutAsJsonAsync(Path(s, id, "resource-person"), new { userId = s.Facilitator.UserId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var person = (await (await ApiClient.Anonymous(app).GetAsync(Path(s, id))).JsonAsync()).GetProperty("resourcePerson");
        person.GetProperty("userId").GetString().ShouldBe(s.Facilitator.UserId);
        person.GetProperty("name").GetString()!.ShouldStartWith("user-");
        var withPerson = await (await ApiClient.Anonymous(app).GetAsync(Path(s) + "?hasResourcePerson=true")).JsonAsync();
        withPerson.GetArrayLength().ShouldBe(1);

        await (await facilitator.PutAsJsonAsync(Path(s, id, "resource-person"), new { name = "Membre", userId = s.Other.User.UserId }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ResourcePersonNotFacilitator);
        await (await (await ClientAsync(s.Author.User)).PutAsJsonAsync(Path(s, id, "resource-person"), new { name = "Moi" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await s.ReloadAsync(id)).ResourcePersonUserId.ShouldBe(s.Facilitator.UserId);

        (await facilitator.PutAsJsonAsync(Path(s, id, "resource-person"), new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await s.ReloadAsync(id)).HasResourcePerson.ShouldBeFalse();
    }

    [Fact]
    public async Task Another_member_supports_and_withdraws_idempotently_and_the_author_cannot()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var id = await s.WriteAsync();
        var other = await ClientAsync(s.Other.User);

        (await other.PostAsync(Path(s, id, "support"), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await other.PostAsync(Path(s, id, "support") + $"?organisationId={s.Other.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var supported = await (await other.GetAsync(Path(s) + "?supportedByMe=true")).JsonAsync();
        supported.EnumerateArray().Single().GetProperty("supporterCount").GetInt32().ShouldBe(1);
        var detail = await (await ApiClient.Anonymous(app).GetAsync(Path(s, id))).JsonAsync();
        detail.GetProperty("supporters").EnumerateArray().Single().GetProperty("organisationId").GetGuid().ShouldBe(s.Other.Id);

        await (await (await ClientAsync(s.Author.User)).PostAsync(Path(s, id, "support"), null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.OwnChallenge);
        await (await other.PostAsync(Path(s, id, "support") + $"?organisationId={s.Third.Id}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).PostAsync(Path(s, id, "support"), null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);

        (await other.DeleteAsync(Path(s, id, "support"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await other.DeleteAsync(Path(s, id, "support"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await s.ReloadAsync(id)).Supporters.ShouldBeEmpty();

        await s.SetPhaseAsync(CallPhase.Budgeting);
        await (await other.PostAsync(Path(s, id, "support"), null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.WrongPhase);
    }

    [Fact]
    public async Task The_list_filters_by_text_and_author_from_the_query_string()
    {
        var s = await ChallengeScenario.CreateAsync(app);
        var aires = await s.WriteAsync();
        var velos = await s.WriteAsync(s.Other, question: "Comment partager plus de vélos ?");
        var anonymous = ApiClient.Anonymous(app);

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await anonymous.GetAsync(Path(s) + query)).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid());

        (await Ids("?search=velos")).ShouldBe([velos]);
        (await Ids($"?authorOrganisationId={s.Author.Id}")).ShouldBe([aires]);
        (await Ids("?status=Published&hasResourcePerson=false")).ShouldBe([velos, aires], ignoreOrder: true);
        (await Ids("?supportedByMe=true")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_challenge_endpoint_is_documented_with_its_answers_and_its_security()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        foreach (var (method, path) in Operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Micro-challenges"]);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldContain(r => r.StartsWith('2'), path);
            responses.ShouldContain("404");
            if (method != "get")
            {
                responses.ShouldContain("401");
                responses.ShouldContain("403");
            }
        }

        var listParameters = paths.GetProperty("/api/v1/calls/{slug}/challenges").GetProperty("get").GetProperty("parameters");
        listParameters.EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .ShouldBe(["slug", "search", "status", "authorOrganisationId", "supportedByMe", "hasResourcePerson"], ignoreOrder: true);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("ChallengeStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Draft", "Published", "Archived"]);
        schemas.GetProperty("CreateChallenge").GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(
            ["authorOrganisationId", "publish", "question", "context", "pains", "scenarioBefore", "scenarioAfter", "indicators", "whoPays", "whoUses", "whoBenefits", "targetCommunityMin", "targetCommunityMax"],
            ignoreOrder: true);
    }
}
