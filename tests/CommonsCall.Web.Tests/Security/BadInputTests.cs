using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// Every operation of the API fed bad input, derived from a valid request of an allowed role: malformed JSON,
/// a wrong document, each field with a wrong type, amounts and numbers negative or beyond <c>long</c>,
/// over-long strings, unknown ids and ids of another call, an unknown or over-long slug, unreadable query
/// values. Each is answered with a 4xx problem with a stable code, and leaves every row of the database as it was.
/// </summary>
public sealed class BadInputTests(SecurityApp app, ITestOutputHelper output) : IClassFixture<SecurityApp>
{
    /// <summary>Any organisation may be invited to a call, one of another call too.</summary>
    private const string InviteParticipant = "POST /api/v1/calls/{slug}/participants";
    private const string FormType = "application/x-www-form-urlencoded";
    private const string HugeInteger = "123456789012345678901234567890";
    private const string OverSizeFile = "a file over 10 MB";
    private const string WrongTypeFile = "an executable named .pdf";
    private static readonly string OverLong = new('x', 100_000);

    /// <summary>The reads, as an allowed role sends them (the writes are the matrix's rows).</summary>
    public static readonly IReadOnlyList<AuthorisationMatrixTests.Operation> Reads =
    [
        Read("/api/v1/calls", Role.Member, w => "/api/v1/calls"),
        Read("/api/v1/calls/{slug}", Role.Member, w => $"/api/v1/calls/{w.Slug}"),
        Read("/api/v1/me/tokens", Role.Member, w => "/api/v1/me/tokens"),
        Read("/api/v1/organisations", Role.Member, w => "/api/v1/organisations"),
        Read("/api/v1/organisations/{id}", Role.Member, w => $"/api/v1/organisations/{w.People.Member.Id}"),
        Read("/api/v1/calls/{slug}/funding", Role.Member, w => w.Url("funding")),
        Read("/api/v1/calls/{slug}/commons/for-review", Role.Facilitator, w => w.Url("commons/for-review")),
        Read("/api/v1/calls/{slug}/budgets", Role.Facilitator, w => w.Url("budgets")),
        Read("/api/v1/calls/{slug}/ledger", Role.Facilitator, w => w.Url("ledger")),
        Read("/api/v1/calls/{slug}/challenges", Role.Member, w => w.Url($"challenges?authorOrganisationId={w.People.CoCreator.Id}&status=Published&supportedByMe=false&hasResourcePerson=false")),
        Read("/api/v1/calls/{slug}/challenges/{id}", Role.Member, w => w.Url($"challenges/{w.Challenge}")),
        Read("/api/v1/calls/{slug}/map", Role.Member, w => w.Url("map")),
        Read("/api/v1/calls/{slug}/commons", Role.Member, w => w.Url("commons")),
        Read("/api/v1/calls/{slug}/commons/{id}", Role.Member, w => w.Url($"commons/{w.Commons}")),
        Read("/api/v1/calls/{slug}/dashboard", Role.Member, w => w.Url("dashboard")),
        Read("/api/v1/calls/{slug}/exports/commons.csv", Role.Member, w => w.Url("exports/commons.csv")),
        Read("/api/v1/calls/{slug}/exports/contributions.csv", Role.Member, w => w.Url("exports/contributions.csv")),
        Read("/api/v1/calls/{slug}/exports/ledger.csv", Role.Facilitator, w => w.Url("exports/ledger.csv")),
        Read("/api/v1/calls/{slug}/results", Role.Member, w => w.Url("results")),
        Read("/api/v1/calls/{slug}/reports", Role.Member, w => w.Url("reports")),
        Read("/api/v1/challenges/{id}", Role.Member, w => $"/api/v1/challenges/{w.Challenge}"),
        Read("/api/v1/commons/{id}", Role.Member, w => $"/api/v1/commons/{w.Commons}"),

        // Onboarding
        Read("/api/v1/calls/{slug}/onboarding/invitations", Role.Facilitator, w => w.Url("onboarding/invitations")),

        // FollowUp
        new("GET", "/api/v1/calls/{slug}/commons/{commonsId}/agreement", [Role.Funder],
            (w, _) => new HttpRequestMessage(HttpMethod.Get, w.Url($"commons/{w.Commons}/agreement")), CallPhase.FollowUp),
        // Conversation
        Read("/api/v1/calls/{slug}/challenges/{id}/comments", Role.Member, w => w.Url($"challenges/{w.Challenge}/comments")),
        Read("/api/v1/calls/{slug}/commons/{id}/comments", Role.Member, w => w.Url($"commons/{w.Commons}/comments")),
        Read("/api/v1/calls/{slug}/moderation", Role.Facilitator, w => w.Url("moderation")),
        Read("/api/v1/calls/{slug}/announcements", Role.Member, w => w.Url("announcements")),

        // Notifications
        Read("/api/v1/me/notifications", Role.Member, w => "/api/v1/me/notifications"),
        Read("/api/v1/me/notification-preferences", Role.Member, w => "/api/v1/me/notification-preferences"),

        // Guide (issue 14)
        Read("/api/v1/calls/{slug}/commons/{id}/cover", Role.Member, w => w.Url($"commons/{w.Commons}/cover")),

        // People
        Read("/api/v1/me/calendar-feed", Role.Member, w => "/api/v1/me/calendar-feed"),
        Read("/api/v1/calls/{slug}/facilitators", Role.Facilitator, w => w.Url("facilitators")),
        Read("/api/v1/admin/users", Role.Administrator, w => "/api/v1/admin/users?page=1&pageSize=20"),

        // Accountability and audit
        Read("/api/v1/calls/{slug}/commons/{commonsId}/accountability", Role.Member, w => w.Url($"commons/{w.Commons}/accountability")),
        Read("/api/v1/calls/{slug}/audit", Role.Funder, w => w.Url($"audit?kind=call.phase_changed&from={TestClock.IsoDay(-1)}&to={TestClock.IsoDay(1)}&page=1&pageSize=20")),
        Read("/api/v1/calls/{slug}/exports/audit.csv", Role.Facilitator, w => w.Url($"exports/audit.csv?kind=commons.approved&from={TestClock.IsoDay(-1)}&to={TestClock.IsoDay(1)}")),
        // Objections and badges
        Read("/api/v1/calls/{slug}/commons/{id}/objections", Role.Member, w => w.Url($"commons/{w.ObjectedCommons}/objections")),
        // Follow-up dashboard
        new("GET", "/api/v1/calls/{slug}/follow-up", [Role.Funder], (w, _) => new HttpRequestMessage(HttpMethod.Get, w.Url("follow-up")), CallPhase.FollowUp),
        new("GET", "/api/v1/calls/{slug}/exports/payments.csv", [Role.Funder], (w, _) => new HttpRequestMessage(HttpMethod.Get, w.Url("exports/payments.csv")), CallPhase.FollowUp),
        // Attachments and expenses
        Followed("/api/v1/calls/{slug}/attachments/{attachmentId}", w => w.Url($"attachments/{w.Receipt}")),
        Followed("/api/v1/calls/{slug}/spending", w => w.Url("spending")),
        Followed("/api/v1/calls/{slug}/commons/{commonsId}/spending", w => w.Url($"commons/{w.Commons}/spending")),
        Followed("/api/v1/calls/{slug}/commons/{commonsId}/expenses", w => w.Url($"commons/{w.Commons}/expenses")),
        Followed("/api/v1/calls/{slug}/exports/expenses.csv", w => w.Url("exports/expenses.csv")),
        // Evaluation
        new("GET", "/api/v1/evaluation-templates", [Role.Member], (w, _) => new HttpRequestMessage(HttpMethod.Get, "/api/v1/evaluation-templates"), CallScoped: false),
        Read("/api/v1/calls/{slug}/evaluation/grid", Role.Facilitator, w => w.Url("evaluation/grid")),
        Read("/api/v1/calls/{slug}/evaluation/evaluators", Role.Facilitator, w => w.Url("evaluation/evaluators")),
        Read("/api/v1/calls/{slug}/evaluation/mine", Role.Member, w => w.Url("evaluation/mine")),
        Read("/api/v1/calls/{slug}/evaluation/progress", Role.Facilitator, w => w.Url("evaluation/progress?filter=NotEvaluated")),
        Read("/api/v1/calls/{slug}/evaluation/ranking", Role.Facilitator, w => w.Url("evaluation/ranking?order=Rank")),
        Read("/api/v1/calls/{slug}/evaluation/sessions", Role.Facilitator, w => w.Url("evaluation/sessions")),
        Read("/api/v1/calls/{slug}/commons/{commonsId}/evaluation-feedback", Role.CoCreator, w => w.Url($"commons/{w.Commons}/evaluation-feedback")),
        // Recognition and previews
        new("GET", "/api/v1/calls/{slug}/badges", [Role.Facilitator], (w, _) => new HttpRequestMessage(HttpMethod.Get, w.Url("badges")), CallPhase.FollowUp),
        new("GET", "/api/v1/calls/{slug}/commons/{commonsId}/match-preview", [Role.Member],
            (w, _) => new HttpRequestMessage(HttpMethod.Get, w.Url($"commons/{w.Commons}/match-preview?organisationId={w.People.Member.Id}&amount=10000")), CallPhase.Budgeting),
    ];

    public static TheoryData<string> AllOperations()
    {
        var keys = new TheoryData<string>();
        foreach (var operation in AuthorisationMatrixTests.Operations.Concat(Reads))
        {
            keys.Add(operation.Key);
        }

        return keys;
    }

    [Fact]
    public async Task Every_operation_of_the_api_is_fed_bad_input()
    {
        var documented = (await OpenApi.OperationsAsync(app)).Select(o => o.Key).ToList();
        AuthorisationMatrixTests.Operations.Concat(Reads).Select(o => o.Key).ShouldBe(documented, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(AllOperations), DisableDiscoveryEnumeration = true)]
    public async Task Bad_input_gets_a_4xx_problem_with_a_code_and_changes_nothing(string operationKey)
    {
        var operation = AuthorisationMatrixTests.Operations.Concat(Reads).Single(o => o.Key == operationKey);
        var people = await app.PeopleAsync();
        var world = await SecurityWorld.CreateAsync(app, people, operation.Phase);
        var elsewhere = await app.ElsewhereAsync();
        var role = operation.Allowed[0];
        using var valid = operation.Request(world, role);
        var url = valid.RequestUri!.OriginalString;
        // A form upload's bad bodies are its own tests' (Api/CommonsCoverApiTests); here its valid form goes to bad addresses.
        var upload = valid.Content is MultipartFormDataContent;
        var body = valid.Content is null || upload ? null : await valid.Content.ReadAsStringAsync();
        var form = valid.Content?.Headers.ContentType?.MediaType == FormType;

        var failures = new List<string>();
        var followedElsewhere = operation.Phase == CallPhase.FollowUp ? await app.ElsewhereFollowedAsync() : null;
        var variants = Variants(operation, world, followedElsewhere is null ? elsewhere : followedElsewhere, url, body).ToList();
        if (operation.UploadWith is not null)
        {
            variants.Add((OverSizeFile, url, null));
            variants.Add((WrongTypeFile, url, null));
        }

        // A token cannot reach a cookie-only operation at all: its bad input comes from our pages, signed in.
        var browser = operation.CookieOnly ? await app.BrowserAsync(role) : null;
        var before = await DatabaseSnapshot.TakeAsync(app.ConnectionString);
        foreach (var (name, badUrl, badBody) in variants)
        {
            using var request = new HttpRequestMessage(valid.Method, badUrl);
            if (badBody is not null)
            {
                request.Content = new StringContent(badBody, Encoding.UTF8, form ? FormType : "application/json");
            }
            else if (upload)
            {
                request.Content = name switch
                {
                    OverSizeFile => operation.UploadWith!(world, role, ("facture.pdf", [.. "%PDF-1.4\n"u8, .. new byte[10 * 1024 * 1024]], "application/pdf")).Content,
                    WrongTypeFile => operation.UploadWith!(world, role, ("facture.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00], "application/pdf")).Content,
                    _ => operation.Request(world, role).Content,
                };
            }

            var response = browser is null ? await people.Clients[role].SendAsync(request) : await browser.Client.SendAsync(Browser.FromOurPages(request));
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var code = problem && JsonDocument.Parse(answer).RootElement.TryGetProperty("code", out var c) ? c.GetString()
                : form && OAuthErrorOf(response, answer) is { } oauth ? oauth
                : null;
            var after = await DatabaseSnapshot.TakeAsync(app.ConnectionString);
            var changed = DatabaseSnapshot.Changed(before, after);
            before = after;
            // Two answers besides a problem are fine: a preview reports the bad lines (and cannot apply), and
            // removing what is not there (an idempotent DELETE) changes nothing.
            var reported = (operation.Key.EndsWith("/grants/preview", StringComparison.Ordinal) || operation.Key.EndsWith("/onboarding/import/preview", StringComparison.Ordinal)) && status == 200 && answer.Contains("\"canApply\":false", StringComparison.Ordinal);
            var idempotent = valid.Method == HttpMethod.Delete && (name.StartsWith("unknown id", StringComparison.Ordinal) || name.StartsWith("other call's id", StringComparison.Ordinal)) && status is >= 200 and < 300;
            if (changed.Count > 0 || (!reported && !idempotent && (status is < 400 or >= 500 || string.IsNullOrEmpty(code))))
            {
                failures.Add($"{name}: {status} {answer[..Math.Min(answer.Length, 300)]} changed [{string.Join(", ", changed)}]");
            }
        }

        output.WriteLine($"{operation.Key}: {variants.Count} bad inputs: {string.Join("; ", variants.Select(v => v.Name))}");
        failures.ShouldBeEmpty();
        if (operation.Path.Contains('{', StringComparison.Ordinal) || body is not null)
        {
            variants.Count.ShouldBeGreaterThan(1);
        }
    }

    /// <summary>A read of a world in Follow-up, as its funder sends it.</summary>
    private static AuthorisationMatrixTests.Operation Followed(string path, Func<SecurityWorld, string> url) =>
        new("GET", path, [Role.Funder], (w, _) => new HttpRequestMessage(HttpMethod.Get, url(w)), CallPhase.FollowUp);

    private static AuthorisationMatrixTests.Operation Read(string path, Role role, Func<SecurityWorld, string> url) =>
        new("GET", path, [role], (w, _) => new HttpRequestMessage(HttpMethod.Get, url(w)));

    /// <summary>Bad versions of a valid request (<paramref name="url"/>, <paramref name="body"/>) of <paramref name="world"/>.</summary>
    private static IEnumerable<(string Name, string Url, string? Body)> Variants(
        AuthorisationMatrixTests.Operation operation, SecurityWorld world, SecurityWorld elsewhere, string url, string? body)
    {
        // Ids: each unknown, and each replaced by the same kind of thing in another call.
        var people = world.People;
        var counterparts = new Dictionary<Guid, Guid>
        {
            [world.Challenge] = elsewhere.Challenge,
            [world.DraftChallenge] = elsewhere.DraftChallenge,
            [world.Commons] = elsewhere.Commons,
            [world.GlossaryTerm] = elsewhere.GlossaryTerm,
            [world.ScopeStatement] = elsewhere.ScopeStatement,
            [world.Milestone] = elsewhere.Milestone,
            [world.Meeting] = elsewhere.Meeting,
            [world.Comment] = elsewhere.Comment,
            [world.Question] = elsewhere.Question,
            [world.Answer] = elsewhere.Answer,
            [people.Member.Id] = people.OtherCallMember.Id,
            [people.CoCreator.Id] = people.OtherCallMember.Id,
            [people.Funder.Id] = people.OtherCallMember.Id,
            [people.Spare.Id] = people.OtherCallMember.Id,
            [Guid.Parse(world.CoFacilitator)] = Guid.Parse(elsewhere.CoFacilitator),
            [world.ObjectedCommons] = elsewhere.ObjectedCommons,
            [world.Objection] = elsewhere.Objection,
        };
        if (world.Expense != Guid.Empty && elsewhere.Expense != Guid.Empty)
        {
            counterparts[world.Expense] = elsewhere.Expense;
            counterparts[world.Receipt] = elsewhere.Receipt;
            counterparts[world.EvidenceFile] = elsewhere.EvidenceFile;
        }

        if (world.Badge != Guid.Empty && elsewhere.Badge != Guid.Empty)
        {
            counterparts[world.Badge] = elsewhere.Badge;
        }

        // Query values are filters (an unknown organisation simply matches nothing): only their types are checked.
        var text = url.Split('?')[0] + "\n" + body;
        foreach (var id in counterparts.Keys.Append(world.MemberSpareToken).Append(world.MemberNotification).Append(Guid.Parse(world.SpareUser)).Where(id => text.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            yield return ($"unknown id {Label(world, id)}", Replace(url, id, Guid.NewGuid()), body is null ? null : Replace(body, id, Guid.NewGuid()));
            // Without a slug in the route (GET /commons/{id}...) the id alone names the thing, in whichever call.
            var inCall = url.Contains($"/{world.Slug}/", StringComparison.Ordinal) || people.OrganisationIds.Contains(id);
            if (inCall && counterparts.TryGetValue(id, out var other) && !(operation.Key == InviteParticipant && id == people.Spare.Id))
            {
                yield return ($"other call's id for {Label(world, id)}", Replace(url, id, other), body is null ? null : Replace(body, id, other));
            }
        }

        if (url.Contains($"/{world.Slug}", StringComparison.Ordinal))
        {
            yield return ("unknown slug", url.Replace(world.Slug, "appel-inconnu", StringComparison.Ordinal), body);
            yield return ("over-long slug", url.Replace(world.Slug, new string('a', 3_000), StringComparison.Ordinal), body);
        }

        // Guid route values that are not guids, and query values of the wrong type.
        foreach (var id in counterparts.Keys.Append(world.MemberSpareToken).Append(world.MemberNotification).Append(Guid.Parse(world.SpareUser)).Where(id => url.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            yield return ($"malformed id for {Label(world, id)}", Replace(url, id, "pas-un-identifiant"), body);
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query > 0)
        {
            foreach (var pair in url[(query + 1)..].Split('&'))
            {
                var name = pair.Split('=')[0];
                yield return ($"query {name} of the wrong type", url.Replace(pair, $"{name}=%7Bpas-du-tout%7D", StringComparison.Ordinal), body);
            }
        }

        if (operation.Path.EndsWith("/{role}/accept", StringComparison.Ordinal) || operation.Path.EndsWith("/{role}/leave", StringComparison.Ordinal))
        {
            yield return ("unknown role in the route", url.Replace("/Funder/", "/Pirate/", StringComparison.Ordinal).Replace("/Member/", "/Pirate/", StringComparison.Ordinal), body);
        }

        if (operation.Path.EndsWith("/roles/{role}", StringComparison.Ordinal))
        {
            yield return ("unknown role in the route", url.Replace("/roles/Administrator", "/roles/Pirate", StringComparison.Ordinal).Replace("/roles/Facilitator", "/roles/Pirate", StringComparison.Ordinal), body);
        }

        if (body is null)
        {
            yield break;
        }

        if (operation.Request(world, operation.Allowed[0]).Content?.Headers.ContentType?.MediaType == FormType)
        {
            foreach (var variant in FormVariants(url, body))
            {
                yield return variant;
            }

            yield break;
        }

        yield return ("malformed JSON", url, body[..^1]);
        yield return ("not JSON at all", url, "<script>alert(1)</script>");
        yield return ("empty body", url, string.Empty);
        yield return ("JSON null", url, "null");
        yield return ("wrong document", url, body.TrimStart().StartsWith('[') ? "{}" : "[]");

        var document = JsonNode.Parse(body)!;
        foreach (var (path, value) in Leaves(document, "$"))
        {
            foreach (var (what, bad) in BadValues(path, value))
            {
                var copy = JsonNode.Parse(body)!;
                Set(copy, path, bad);
                yield return ($"{path} {what}", url, copy.ToJsonString());
            }
        }
    }

    /// <summary>A form (OAuth's endpoints): each field left out, emptied, over-long or unknown, and bodies that are no form.</summary>
    private static IEnumerable<(string Name, string Url, string? Body)> FormVariants(string url, string body)
    {
        var fields = body.Split('&').Select(p => p.Split('=', 2)).ToList();
        string Without(int skip, string? value = null) =>
            string.Join('&', fields.Select((f, i) => i != skip ? $"{f[0]}={f[1]}" : value is null ? null : $"{f[0]}={value}").Where(f => f is not null));
        for (var i = 0; i < fields.Count; i++)
        {
            yield return ($"form {fields[i][0]} left out", url, Without(i));
            yield return ($"form {fields[i][0]} empty", url, Without(i, string.Empty));
            yield return ($"form {fields[i][0]} over-long", url, Without(i, OverLong));
            // A program names itself: any client_id starts a device authorization.
            if (!(fields[i][0] == "client_id" && url.EndsWith("/device/code", StringComparison.Ordinal)))
            {
                yield return ($"form {fields[i][0]} unknown", url, Without(i, "inconnu-" + Guid.NewGuid().ToString("N")));
            }
        }

        yield return ("empty body", url, string.Empty);
        yield return ("JSON instead of a form", url, "{\"client_id\": \"matrice\"}");
    }

    /// <summary>The RFC 6749 §5.2 error of an OAuth endpoint's answer (application/json with an <c>error</c> member).</summary>
    private static string? OAuthErrorOf(HttpResponseMessage response, string answer) =>
        response.Content.Headers.ContentType?.MediaType == "application/json" && answer.StartsWith('{')
        && JsonDocument.Parse(answer).RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;

    /// <summary>Wrong types everywhere; numbers negative, fractional and beyond long; strings over-long.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> BadValues(string path, JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                yield return ("as text", JsonValue.Create("beaucoup"));
                yield return ("negative", JsonValue.Create(-1));
                yield return ("fractional", JsonValue.Create(1.5));
                yield return ("beyond long", JsonNode.Parse(HugeInteger));
                yield return ("beyond long, negative", JsonNode.Parse("-" + HugeInteger));
                break;
            case JsonValueKind.String:
                yield return ("as a number", JsonValue.Create(12345));
                yield return ("as an object", new JsonObject());
                yield return ("over-long", JsonValue.Create(OverLong));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                yield return ("as text", JsonValue.Create("oui"));
                yield return ("as a number", JsonValue.Create(2));
                break;
            case JsonValueKind.Array:
                yield return ("as text", JsonValue.Create("liste"));
                yield return ("with a null item", new JsonArray(null, null));
                break;
        }
    }

    /// <summary>The scalar and array values of a document, by path (the first item of each array stands for the others).</summary>
    private static IEnumerable<(string Path, JsonNode Value)> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is not null)
                    {
                        foreach (var leaf in Leaves(child, $"{path}.{name}"))
                        {
                            yield return leaf;
                        }
                    }
                }

                break;
            case JsonArray array:
                if (path != "$")
                {
                    yield return (path, array);
                }

                if (array.Count > 0 && array[0] is JsonObject first)
                {
                    foreach (var leaf in Leaves(first, $"{path}[0]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path[1..].Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = parts[i] == "[0]" ? parent[0]! : parent[parts[i]]!;
        }

        var last = parts[^1];
        if (last == "[0]")
        {
            parent[0] = value;
        }
        else
        {
            parent[last] = value;
        }
    }

    private static string Replace(string text, Guid id, object by) => text.Replace(id.ToString(), by.ToString(), StringComparison.OrdinalIgnoreCase);

    private static string Label(SecurityWorld world, Guid id) =>
        id == world.Challenge ? "challenge"
        : id == world.DraftChallenge ? "draft challenge"
        : id == world.Commons ? "commons"
        : id == world.GlossaryTerm ? "glossary term"
        : id == world.ScopeStatement ? "scope statement"
        : id == world.Milestone ? "milestone"
        : id == world.Meeting ? "meeting"
        : id == world.MemberSpareToken ? "token"
        : id == world.Comment ? "comment"
        : id == world.Question ? "question"
        : id == world.Answer ? "answer"
        : id == world.MemberNotification ? "notification"
        : id == world.Expense ? "expense"
        : id == world.Receipt ? "receipt"
        : id == world.EvidenceFile ? "evidence file"
        : id.ToString() == world.SpareUser ? "user"
        : id.ToString() == world.CoFacilitator ? "co-facilitator"
        : id == world.ObjectedCommons ? "objected commons"
        : id == world.Objection ? "objection"
        : id == world.Badge ? "badge"
        : "organisation";
}
